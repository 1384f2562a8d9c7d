package dev.rockstar.tenancy.pipeline;

import dev.rockstar.tenancy.ChangesNoData;
import dev.rockstar.tenancy.RequiresFeature;
import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantScoped;
import dev.rockstar.tenancy.limits.control.TenantLimits;
import dev.rockstar.tenancy.problems.TenantReadOnlyException;
import dev.rockstar.tenancy.security.TenantSessionGuard;
import dev.rockstar.tenancy.tenant.control.ClientAddresses;
import dev.rockstar.tenancy.tenant.control.TenantResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * Puts the tenant chain in front of every resource method that is {@link TenantScoped} or
 * {@link RequiresFeature} (on the method or its class): one filter per method that runs the steps
 * in their fixed order, decided once at deployment rather than looked up per request. A CDI bean
 * like every provider here, so the filters it creates share its injected beans.
 */
@Provider
@ApplicationScoped
public class TenantScopeFeature implements DynamicFeature {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    TenantResolver resolver;

    @Inject
    TenantContext tenant;

    @Inject
    TenantSessionGuard sessions;

    @Inject
    TenantLimits limits;

    @Inject
    ClientAddresses clients;

    @Inject
    HttpServletRequest servletRequest;

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        RequiresFeature feature = method.getAnnotation(RequiresFeature.class);
        if (feature == null) {
            feature = type.getAnnotation(RequiresFeature.class);
        }
        if (feature != null
                || method.isAnnotationPresent(TenantScoped.class)
                || type.isAnnotationPresent(TenantScoped.class)) {
            boolean changesNoData =
                    method.isAnnotationPresent(ChangesNoData.class) || type.isAnnotationPresent(ChangesNoData.class);
            context.register(
                    new TenantChain(feature == null ? null : feature.value(), changesNoData), Pipeline.TENANT_CHAIN);
        }
    }

    /**
     * Whether a request may change stored data, by its HTTP method: every method but the safe
     * ones; an extension method (a {@code @HttpMethod} of the application's own) counts as a write.
     */
    static boolean mayWrite(String httpMethod) {
        return !SAFE_METHODS.contains(httpMethod);
    }

    /**
     * The chain of one method; {@code feature} is {@code null} where none is required;
     * {@code changesNoData} where the method is marked {@link ChangesNoData}.
     */
    private final class TenantChain implements ContainerRequestFilter {

        private final String feature;
        private final boolean changesNoData;

        TenantChain(String feature, boolean changesNoData) {
            this.feature = feature;
            this.changesNoData = changesNoData;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            TenantInfo active = resolver.requireActive(); // 404 TENANT_NOT_FOUND, 403 TENANT_INACTIVE
            // Before the session check, whose refusals are audited: another tenant's sessions
            // cannot write to this tenant's audit log faster than this tenant's own rate allows.
            limits.admit(active, () -> clients.of(servletRequest)); // 429 RATE_LIMITED
            // Sessions are tracked by cookie alone (web.xml): a request without one presents none,
            // and the servlet request's proxy and session lookup are a few per cent of tenant info.
            if (request.getHeaderString(HttpHeaders.COOKIE) != null) {
                sessions.requireSessionOf( // 403 TENANT_MISMATCH
                        active,
                        () -> tenant.host().orElse("?") + " " + request.getMethod() + " "
                                + request.getUriInfo().getPath());
            }
            if (feature != null) {
                limits.requireFeature(feature); // 403 FEATURE_DISABLED
            }
            if (!active.writable() && !changesNoData && mayWrite(request.getMethod())) {
                throw new TenantReadOnlyException(); // 503 TENANT_READ_ONLY, Retry-After
            }
        }
    }
}
