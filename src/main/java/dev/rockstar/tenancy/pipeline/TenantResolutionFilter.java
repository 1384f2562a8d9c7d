package dev.rockstar.tenancy.pipeline;

import dev.rockstar.tenancy.tenant.control.TenantResolver;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Resolves every request's host to its tenant once, before the resource is even matched. */
@Provider
@PreMatching
@Priority(Pipeline.RESOLUTION)
@ApplicationScoped
public class TenantResolutionFilter implements ContainerRequestFilter {

    @Inject
    TenantResolver resolver;

    /** For the peer's address, which JAX-RS does not give; read only behind a trusted proxy. */
    @Inject
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String forwarded = resolver.readsForwardedHost() ? request.getHeaderString("X-Forwarded-Host") : null;
        resolver.resolve(
                request.getHeaderString(HttpHeaders.HOST),
                forwarded,
                forwarded == null ? null : servletRequest.getRemoteAddr());
    }
}
