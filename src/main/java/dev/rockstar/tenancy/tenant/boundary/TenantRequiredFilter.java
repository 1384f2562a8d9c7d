package dev.rockstar.tenancy.tenant.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import dev.rockstar.tenancy.TenantScoped;
import dev.rockstar.tenancy.tenant.control.TenantResolver;

/** Refuses a {@link TenantScoped} resource to a host without an active tenant. */
@Provider
@TenantScoped
@Priority(Priorities.AUTHENTICATION - 50)
@ApplicationScoped
public class TenantRequiredFilter implements ContainerRequestFilter {

    @Inject
    TenantResolver resolver;

    @Override
    public void filter(ContainerRequestContext request) {
        resolver.requireActive();
    }
}
