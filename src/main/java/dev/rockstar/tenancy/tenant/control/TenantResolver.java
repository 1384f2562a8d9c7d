package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.tenant.entity.UnknownHostRequested;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Host-based tenant resolution (the host's normalisation, validation and trusted proxies are in
 * docs/HTTP-API.md), in two steps so that the JAX-RS
 * filters stay thin: {@link #resolve} once per request from its headers, {@link #requireActive}
 * where a resource needs a tenant.
 */
@ApplicationScoped
public class TenantResolver {

    private static final Logger LOG = Logger.getLogger(TenantResolver.class.getName());

    @Inject
    RequestTenant context;

    @Inject
    TenantDirectory directory;

    @Inject
    Event<UnknownHostRequested> unknownHosts;

    @Inject
    @ConfigProperty(name = "tenancy.forwarded-host.trusted", defaultValue = "false")
    boolean forwardedHostTrusted;

    /** A comma list; read as one string because Payara cannot inject an {@code Optional<List<String>>}. */
    @Inject
    @ConfigProperty(name = "tenancy.forwarded-host.trusted-proxies")
    Optional<String> trustedProxyList;

    private TrustedProxies trustedProxies = TrustedProxies.none();

    /**
     * Every request's {@link dev.rockstar.tenancy.TenantContext}. Made here rather than as a
     * request-scoped managed bean because the server gives each managed bean it creates a
     * resource-injection pass (reflection on Payara), here once per request (docs/BENCHMARKS.md
     * measures it).
     */
    @Produces
    @RequestScoped
    RequestTenant requestTenant() {
        return new RequestTenant();
    }

    @PostConstruct
    void readTrustedProxies() {
        if (!forwardedHostTrusted) {
            return;
        }
        try {
            trustedProxies =
                    TrustedProxies.parse(List.of(trustedProxyList.orElse("").split(",")));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("tenancy.forwarded-host.trusted-proxies: " + e.getMessage(), e);
        }
        if (trustedProxies.isEmpty()) {
            LOG.warning("tenancy.forwarded-host.trusted=true but tenancy.forwarded-host.trusted-proxies names no"
                    + " proxy: X-Forwarded-Host is ignored on every request");
        }
    }

    /** Reading the proxies at start makes a bad entry fail the deployment, not a request. */
    void onStart(@Observes Startup startup) {
        LOG.fine(() -> "X-Forwarded-Host trusted: " + forwardedHostTrusted);
    }

    /**
     * Finds the owner of the request's host. Only the host decides: no header, parameter,
     * cookie or body field can name a tenant.
     *
     * @param hostHeader the {@code Host} header ({@code :authority} in HTTP/2)
     * @param forwardedHost the {@code X-Forwarded-Host} header, honoured only when configured
     *        trusted and sent by a trusted proxy
     * @param peerAddress the address of the connection's other end; read only when there is an
     *        {@code X-Forwarded-Host}
     * @throws InvalidHostException for a malformed host
     */
    public void resolve(String hostHeader, String forwardedHost, String peerAddress) {
        String host = hostOf(hostHeader, forwardedHost, peerAddress);
        context.resolved(host, ownerOf(host).orElse(null));
    }

    /**
     * The tenant that owns a request's host, without resolving the request: for the security
     * layer, which runs before the tenant is resolved.
     */
    public Optional<TenantInfo> ownerOf(String hostHeader, String forwardedHost, String peerAddress) {
        try {
            return ownerOf(hostOf(hostHeader, forwardedHost, peerAddress));
        } catch (InvalidHostException e) {
            return Optional.empty();
        }
    }

    /** {@link #resolve(String, String, String)} for a servlet request. */
    public void resolve(HttpServletRequest request) {
        String forwarded = forwardedHostOf(request);
        resolve(request.getHeader("Host"), forwarded, forwarded == null ? null : request.getRemoteAddr());
    }

    /** {@link #ownerOf(String, String, String)} for a servlet request. */
    public Optional<TenantInfo> ownerOf(HttpServletRequest request) {
        String forwarded = forwardedHostOf(request);
        return ownerOf(request.getHeader("Host"), forwarded, forwarded == null ? null : request.getRemoteAddr());
    }

    private String forwardedHostOf(HttpServletRequest request) {
        return readsForwardedHost() ? request.getHeader("X-Forwarded-Host") : null;
    }

    private Optional<TenantInfo> ownerOf(String host) {
        return HostNames.inAnySpelling(host, directory::byHost);
    }

    /**
     * Whether the request's peer is one of the trusted proxies, whose {@code X-Forwarded-*}
     * headers count (none unless {@code tenancy.forwarded-host.trusted=true}).
     */
    public boolean isTrustedProxy(String peerAddress) {
        return trustedProxies.contains(peerAddress);
    }

    TrustedProxies trustedProxies() {
        return trustedProxies;
    }

    /** Whether a request's {@code X-Forwarded-Host} would be read; callers skip the peer's address if not. */
    public boolean readsForwardedHost() {
        return !trustedProxies.isEmpty();
    }

    private String hostOf(String hostHeader, String forwardedHost, String peerAddress) {
        String raw = hostHeader;
        if (forwardedHost != null && !forwardedHost.isBlank() && trustedProxies.contains(peerAddress)) {
            // Each proxy appends the host it was asked for: the last value is the one the trusted
            // proxy that connected to us added; any before it may have been written by the client.
            int comma = forwardedHost.lastIndexOf(',');
            raw = (comma < 0 ? forwardedHost : forwardedHost.substring(comma + 1)).strip();
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
        TenantInfo active = context.bindActiveOwner();
        if (active != null) {
            return active;
        }
        if (context.owner().isPresent()) {
            throw new TenantInactiveException();
        }
        String host = context.host().orElse("");
        unknownHosts.fire(new UnknownHostRequested(host));
        throw TenantNotFoundException.forHost(host);
    }
}
