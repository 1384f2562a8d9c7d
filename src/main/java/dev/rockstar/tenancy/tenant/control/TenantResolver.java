package dev.rockstar.tenancy.tenant.control;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.tenant.entity.UnknownHostRequested;

/**
 * Host-based tenant resolution (contract rules 1 to 5), in two steps so that the JAX-RS
 * filters stay thin: {@link #resolve} once per request from its headers, {@link #requireActive}
 * where a resource needs a tenant.
 */
@ApplicationScoped
public class TenantResolver {

    @Inject
    RequestTenant context;

    @Inject
    TenantDirectory directory;

    @Inject
    Event<UnknownHostRequested> unknownHosts;

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
        String host = hostOf(hostHeader, forwardedHost);
        context.resolved(host, directory.byHost(host).orElse(null));
    }

    /**
     * The tenant that owns a request's host, without resolving the request: for the security
     * layer, which runs before the tenant is resolved.
     */
    public Optional<TenantInfo> ownerOf(String hostHeader, String forwardedHost) {
        try {
            return directory.byHost(hostOf(hostHeader, forwardedHost));
        } catch (InvalidHostException e) {
            return Optional.empty();
        }
    }

    private String hostOf(String hostHeader, String forwardedHost) {
        String raw = hostHeader;
        if (forwardedHostTrusted && forwardedHost != null && !forwardedHost.isBlank()) {
            // A chain of proxies appends: the first value is the host the client asked for.
            int comma = forwardedHost.indexOf(',');
            raw = (comma < 0 ? forwardedHost : forwardedHost.substring(0, comma)).strip();
        }
        return HostNames.normalise(raw);
    }

    /**
     * Makes the resolved tenant the request's tenant.
     *
     * @throws TenantNotFoundException when no tenant owns the host
     * @throws TenantInactiveException when the owner is suspended
     */
    public TenantInfo requireActive() {
        TenantInfo owner = context.owner().orElse(null);
        if (owner == null) {
            String host = context.host().orElse("");
            unknownHosts.fire(new UnknownHostRequested(host));
            throw TenantNotFoundException.forHost(host);
        }
        if (!owner.active()) {
            throw new TenantInactiveException();
        }
        context.bind(owner);
        return owner;
    }
}
