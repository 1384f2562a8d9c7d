package dev.rockstar.tenancy.security;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.users.control.TenantSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.function.Supplier;

/**
 * Refuses a tenant user's session on another tenant's host with 403 {@code TENANT_MISMATCH}, and
 * writes the attempt to the audit log. The session is neither used nor moved.
 */
@ApplicationScoped
public class TenantSessionGuard {

    @Inject
    HttpServletRequest servletRequest;

    @Inject
    AuditLog audit;

    /**
     * @param request the request as the audit names it ({@code host method path}), worked out
     *     only for a refusal
     * @throws TenantMismatchException when the caller's session belongs to another tenant
     */
    public void requireSessionOf(TenantInfo tenant, Supplier<String> request) {
        HttpSession session = servletRequest.getSession(false);
        TenantSession caller = session == null ? null : TenantSession.of(session);
        if (caller != null && !caller.tenantId().equals(tenant.id())) {
            audit.attempt(
                    tenant.id(),
                    "TENANT_MISMATCH",
                    caller.username(),
                    "a session of tenant '" + caller.tenantId() + "' (user '" + caller.username()
                            + "') was presented on " + request.get());
            throw new TenantMismatchException();
        }
    }
}
