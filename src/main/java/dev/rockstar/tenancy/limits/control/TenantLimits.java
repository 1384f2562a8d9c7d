package dev.rockstar.tenancy.limits.control;

import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rockstar.tenancy.TenantConfiguration;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.cluster.ClusterNode;

/** A tenant's per-request limits: its rate of requests (this node's share of it) and its feature flags. */
@ApplicationScoped
public class TenantLimits {

    static final String REQUESTS_PER_SECOND = "requestsPerSecond";

    @Inject
    TenantConfiguration configuration;

    @Inject
    RateLimiter limiter;

    @Inject
    ClusterNode node;

    /** @throws RateLimitedException when the tenant is over its {@code requestsPerSecond} */
    public void admit(TenantInfo tenant) {
        OptionalLong rate = configuration.limit(REQUESTS_PER_SECOND);
        if (rate.isPresent()) {
            limiter.acquire(tenant.id(), rate.getAsLong(), node.liveNodes());
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
