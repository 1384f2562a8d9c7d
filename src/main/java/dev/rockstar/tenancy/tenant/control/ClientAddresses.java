package dev.rockstar.tenancy.tenant.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The one answer to "which client sent this request", for everything that counts or records
 * clients: login throttling, the audit log, a tenant's fair share. Behind a trusted proxy
 * ({@code tenancy.forwarded-host.trusted-proxies}) it is the client the proxy names
 * ({@link ForwardedFor}); from anyone else, the connecting address. Whether the session cookie is
 * {@code Secure} is not decided here: that is the connecting proxy's word alone.
 */
@ApplicationScoped
public class ClientAddresses {

    @Inject
    TenantResolver resolver;

    public String of(HttpServletRequest request) {
        return ForwardedFor.client(
                request.getRemoteAddr(),
                ForwardedFor.values(request.getHeaders("X-Forwarded-For")),
                ForwardedFor.values(request.getHeaders("Forwarded")),
                resolver.trustedProxies());
    }
}
