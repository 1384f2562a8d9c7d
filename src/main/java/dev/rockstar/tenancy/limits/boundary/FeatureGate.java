package dev.rockstar.tenancy.limits.boundary;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

import jakarta.enterprise.inject.spi.CDI;

import dev.rockstar.tenancy.RequiresFeature;
import dev.rockstar.tenancy.limits.control.FeatureDisabledException;
import dev.rockstar.tenancy.tenant.control.TenantConfiguration;
import dev.rockstar.tenancy.tenant.control.TenantContext;
import dev.rockstar.tenancy.tenant.control.TenantResolver;

/** Puts a feature check in front of every resource method annotated {@link RequiresFeature}. */
@Provider
public class FeatureGate implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        RequiresFeature required = resource.getResourceMethod().getAnnotation(RequiresFeature.class);
        if (required == null) {
            required = resource.getResourceClass().getAnnotation(RequiresFeature.class);
        }
        if (required != null) {
            context.register(new Check(required.value()), Priorities.AUTHENTICATION - 30);
        }
    }

    /** One per gated method; created here, so it looks its beans up rather than being injected. */
    static final class Check implements ContainerRequestFilter {

        private final String feature;

        Check(String feature) {
            this.feature = feature;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            if (CDI.current().select(TenantContext.class).get().current().isEmpty()) {
                CDI.current().select(TenantResolver.class).get().requireActive();
            }
            if (!CDI.current().select(TenantConfiguration.class).get().isEnabled(feature)) {
                throw new FeatureDisabledException(feature);
            }
        }
    }
}
