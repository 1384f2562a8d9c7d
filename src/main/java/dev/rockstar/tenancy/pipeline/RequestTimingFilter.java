package dev.rockstar.tenancy.pipeline;

import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.metrics.TenantMetrics;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;

/** Counts and times every request that ran for a tenant, tagged with the tenant's id. */
@Provider
@PreMatching
@Priority(Pipeline.TIMING)
@ApplicationScoped
public class RequestTimingFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = RequestTimingFilter.class.getName() + ".started";

    @Inject
    TenantContext tenant;

    @Inject
    TenantMetrics metrics;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        if (started instanceof Long nanos) {
            tenant.current().ifPresent(t -> metrics.request(t.id(), Duration.ofNanos(System.nanoTime() - nanos)));
        }
    }
}
