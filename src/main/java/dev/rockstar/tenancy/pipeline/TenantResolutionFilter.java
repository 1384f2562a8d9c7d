package dev.rockstar.tenancy.pipeline;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import dev.rockstar.tenancy.tenant.control.TenantResolver;

/** Resolves every request's host to its tenant once, before the resource is even matched. */
@Provider
@PreMatching
@Priority(Pipeline.RESOLUTION)
@ApplicationScoped
public class TenantResolutionFilter implements ContainerRequestFilter {

    @Inject
    TenantResolver resolver;

    @Override
    public void filter(ContainerRequestContext request) {
        resolver.resolve(request.getHeaderString(HttpHeaders.HOST), request.getHeaderString("X-Forwarded-Host"));
    }
}
