package dev.rockstar.tenancy.pipeline;

import dev.rockstar.tenancy.problems.ForbiddenException;
import dev.rockstar.tenancy.problems.UnauthorizedException;
import dev.rockstar.tenancy.users.control.TenantSession;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.List;

/**
 * The standard {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on JAX-RS resources,
 * the same on every server (JAX-RS runtimes leave them off by default): without a login 401
 * {@code UNAUTHORIZED}, without the role 403 {@code FORBIDDEN}.
 * <pre>
 * &#64;GET &#64;Path("stats") &#64;RolesAllowed("manager")
 * public JsonObject stats() { ... }
 * </pre>
 */
@Provider
public class RolesAllowedFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        var method = resource.getResourceMethod();
        if (method.isAnnotationPresent(PermitAll.class)) {
            return;
        }
        if (method.isAnnotationPresent(DenyAll.class)) {
            context.register(new Check(List.of()), Pipeline.ROLES);
            return;
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null && !resource.getResourceClass().isAnnotationPresent(PermitAll.class)) {
            roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (roles != null) {
            context.register(new Check(Arrays.asList(roles.value())), Pipeline.ROLES);
        }
    }

    static final class Check implements ContainerRequestFilter {

        private final List<String> roles;

        Check(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            // Registered as an instance, so nothing is injected: look the request up.
            HttpServletRequest servletRequest =
                    CDI.current().select(HttpServletRequest.class).get();
            var security = request.getSecurityContext();
            if (security.getUserPrincipal() == null) {
                throw new UnauthorizedException("Log in first");
            }
            // A tenant user's roles are the tenant's own, unknown to the server's role mapping.
            HttpSession session = servletRequest.getSession(false);
            TenantSession caller = session == null ? null : TenantSession.of(session);
            boolean allowed = roles.stream()
                    .anyMatch(role -> security.isUserInRole(role)
                            || (caller != null && caller.roles().contains(role)));
            if (!allowed) {
                throw new ForbiddenException("This needs one of the roles " + roles);
            }
        }
    }
}
