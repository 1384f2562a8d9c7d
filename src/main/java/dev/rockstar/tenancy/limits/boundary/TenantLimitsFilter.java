package dev.rockstar.tenancy.limits.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import dev.rockstar.tenancy.TenantScoped;
import dev.rockstar.tenancy.limits.control.RateLimiter;
import dev.rockstar.tenancy.tenant.control.TenantConfiguration;
import dev.rockstar.tenancy.tenant.control.TenantContext;

/** Holds each tenant to its {@code requestsPerSecond}, once the tenant is known and active. */
@Provider
@TenantScoped
@Priority(Priorities.AUTHENTICATION - 40) // after TenantRequiredFilter
@ApplicationScoped
public class TenantLimitsFilter implements ContainerRequestFilter {

    static final String REQUESTS_PER_SECOND = "requestsPerSecond";

    @Inject
    TenantContext tenant;

    @Inject
    TenantConfiguration configuration;

    @Inject
    RateLimiter limiter;

    @Override
    public void filter(ContainerRequestContext request) {
        String tenantId = tenant.require().id();
        var rate = configuration.limit(REQUESTS_PER_SECOND);
        if (rate.isPresent()) {
            limiter.acquire(tenantId, rate.getAsLong());
        } else {
            limiter.forget(tenantId);
        }
    }
}
