package dev.rockstar.tenancy.tenant.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.rockstar.tenancy.tenant.entity.TenantInfo;

/**
 * Host-based tenant resolution (contract rules 1 to 5), in two steps so that the JAX-RS
 * filters stay thin: {@link #resolve} once per request from its headers, {@link #requireActive}
 * where a resource needs a tenant.
 */
@ApplicationScoped
public class TenantResolver {

    @Inject
    TenantContext context;

    @Inject
    TenantDirectory directory;

    @Inject
    @ConfigProperty(name = "tenancy.forwarded-host.trusted", defaultValue = "false")
    boolean forwardedHostTrusted;

    /**
     * Finds the owner of the request's host. Only the host decides: no header, parameter,
     * cookie or body field can name a tenant.
     *
     * @param hostHeader the {@code Host} header ({@code :authority} in HTTP/2)
     * @param forwardedHost the {@code X-Forwarded-Host} header, honoured only when configured trusted
     * @throws InvalidHostException for a malformed host
     */
    public void resolve(String hostHeader, String forwardedHost) {
        String raw = hostHeader;
        if (forwardedHostTrusted && forwardedHost != null && !forwardedHost.isBlank()) {
            // A chain of proxies appends: the first value is the host the client asked for.
            int comma = forwardedHost.indexOf(',');
            raw = (comma < 0 ? forwardedHost : forwardedHost.substring(0, comma)).strip();
        }
        String host = HostNames.normalise(raw);
        context.resolved(host, directory.byHost(host).orElse(null));
    }

    /**
     * Makes the resolved tenant the request's tenant.
     *
     * @throws TenantNotFoundException when no tenant owns the host
     * @throws TenantInactiveException when the owner is suspended
     */
    public TenantInfo requireActive() {
        TenantInfo owner = context.owner()
                .orElseThrow(() -> new TenantNotFoundException(context.host().orElse("")));
        if (!owner.active()) {
            throw new TenantInactiveException();
        }
        context.bind(owner);
        return owner;
    }
}
