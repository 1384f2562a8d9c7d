package dev.rockstar.tenancy.branding;

import dev.rockstar.tenancy.TenantConfiguration;
import dev.rockstar.tenancy.TenantContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The white-label landing page at {@code /} ({@code index.xhtml}): the host's tenant, in its own
 * name and colour. Facelets escapes every value it writes; the colour is also validated as
 * {@code #rgb}/{@code #rrggbb} when it is stored, so no tenant can inject markup or CSS.
 */
@Named
@RequestScoped
public class LandingPage {

    static final String DEFAULT_COLOR = "#1f6feb";

    @Inject
    TenantContext tenant;

    @Inject
    TenantConfiguration configuration;

    public String getDisplayName() {
        return configuration.branding("displayName").orElse(tenant.require().name());
    }

    public String getPrimaryColor() {
        return configuration.branding("primaryColor").orElse(DEFAULT_COLOR);
    }

    public String getLogoUrl() {
        return configuration.branding("logoUrl").orElse(null);
    }
}
