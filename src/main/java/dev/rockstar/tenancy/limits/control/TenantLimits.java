package dev.rockstar.tenancy.limits.control;

import dev.rockstar.tenancy.TenantConfiguration;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.cluster.ClusterNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A tenant's per-request limits: its rate of requests (this node's share of it), the most of that
 * rate one client may take ({@code clientSharePercent}), and its feature flags.
 */
@ApplicationScoped
public class TenantLimits {

    static final String REQUESTS_PER_SECOND = "requestsPerSecond";
    static final String CLIENT_SHARE_PERCENT = "clientSharePercent";
    /** Unless the tenant or {@code tenancy.defaults.limits.clientSharePercent} says otherwise. */
    static final long DEFAULT_CLIENT_SHARE_PERCENT = 50;

    @Inject
    TenantConfiguration configuration;

    @Inject
    RateLimiter limiter;

    @Inject
    ClusterNode node;

    /**
     * @param client the client's address, as {@code ClientAddresses} decides it: asked only of a
     *        tenant with a rate, so that the others' requests do not pay for reading it
     * @throws RateLimitedException when the tenant is over its {@code requestsPerSecond}, or the
     *         client over its share of it
     */
    public void admit(TenantInfo tenant, Supplier<String> client) {
        OptionalLong rate = configuration.limit(REQUESTS_PER_SECOND);
        if (rate.isPresent()) {
            long share = configuration.limit(CLIENT_SHARE_PERCENT).orElse(DEFAULT_CLIENT_SHARE_PERCENT);
            limiter.acquire(tenant.id(), client.get(), rate.getAsLong(), share, node.liveNodes());
        } else {
            limiter.forget(tenant.id());
        }
    }

    /** @throws FeatureDisabledException when the current tenant does not have the feature on */
    public void requireFeature(String feature) {
        if (!configuration.isEnabled(feature)) {
            throw new FeatureDisabledException(feature);
        }
    }
}
