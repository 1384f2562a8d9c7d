package dev.rockstar.tenancy.security;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import dev.rockstar.tenancy.TenantScoped;
import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.tenant.control.TenantContext;

/**
 * Refuses a tenant user's session on another tenant's host with 403 {@code TENANT_MISMATCH}, and
 * writes the attempt to the audit log. The session is neither used nor moved.
 */
@Provider
@TenantScoped
@Priority(Priorities.AUTHENTICATION - 45) // right after TenantRequiredFilter
@ApplicationScoped
public class TenantSessionFilter implements ContainerRequestFilter {

    @Context
    HttpServletRequest servletRequest;

    @Inject
    TenantContext tenant;

    @Inject
    AuditLog audit;

    @Override
    public void filter(ContainerRequestContext request) {
        HttpSession session = servletRequest.getSession(false);
        TenantSession caller = session == null ? null : TenantSession.of(session);
        String current = tenant.require().id();
        if (caller != null && !caller.tenantId().equals(current)) {
            audit.record(current, "TENANT_MISMATCH", caller.username(), "a session of tenant '" + caller.tenantId()
                    + "' (user '" + caller.username() + "') was presented on " + tenant.host().orElse("?")
                    + " " + request.getMethod() + " " + request.getUriInfo().getPath());
            throw new TenantMismatchException();
        }
    }
}
