package dev.rockstar.tenancy.tracing;

import dev.rockstar.tenancy.pipeline.Pipeline;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Puts the tenant on the span of the request. After matching, not before: the server opens the
 * request's span once it knows the resource (Payara at Jersey's {@code REQUEST_MATCHED}), and the
 * tenant is bound after that, by the tenant chain ({@link Pipeline#TENANT_CHAIN}). Spans the
 * request opens later get the tenant from {@link TenantSpanProcessor}, where the server lets an
 * application add one.
 */
@Provider
@Priority(Pipeline.TRACING)
public class TenantSpanFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (TenantSpans.available()) {
            TenantSpans.currentTenant().ifPresent(CurrentSpan::tag);
        }
    }
}
