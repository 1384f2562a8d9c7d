package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.json.JsonP;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The configuration every tenant has unless it says otherwise, from MicroProfile Config:
 * <pre>
 * tenancy.defaults.features.exports=false
 * tenancy.defaults.limits.maxDocuments=1000
 * tenancy.defaults.branding.primaryColor=#336699
 * </pre>
 * Checked by the same rules as a tenant's own configuration; a bad default fails the deployment.
 */
@ApplicationScoped
class TenantDefaults {

    static final String PREFIX = "tenancy.defaults.";
    private static final Logger LOG = Logger.getLogger(TenantDefaults.class.getName());

    @Inject
    Config config;

    private TenantConfig defaults;

    @PostConstruct
    void read() {
        JsonObjectBuilder features = JsonP.createObjectBuilder();
        JsonObjectBuilder limits = JsonP.createObjectBuilder();
        JsonObjectBuilder branding = JsonP.createObjectBuilder();
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            String rest = name.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            String section = dot < 0 ? rest : rest.substring(0, dot);
            String key = dot < 0 ? "" : rest.substring(dot + 1);
            String value = config.getValue(name, String.class).strip();
            switch (section) {
                case "features" -> features.add(key, Boolean.parseBoolean(value));
                case "limits" -> limits.add(key, number(name, value));
                case "branding" -> branding.add(key, value);
                default ->
                    throw new IllegalStateException(name + ": use tenancy.defaults.features|limits|branding.<key>");
            }
        }
        try {
            defaults = TenantConfigParser.parse(
                    JsonP.createObjectBuilder()
                            .add("features", features)
                            .add("limits", limits)
                            .add("branding", branding)
                            .build(),
                    "tenancy.defaults");
        } catch (ValidationFailedException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Reading the defaults at start makes a bad one fail the deployment, not a request. */
    void onStart(@Observes Startup startup) {
        LOG.fine(() -> "Tenant defaults: " + TenantJson.config(defaults));
    }

    public TenantConfig defaults() {
        return defaults;
    }

    /** The tenant's own settings over the defaults, key by key. */
    public TenantConfig effective(TenantConfig own) {
        return defaults.overlaidWith(own);
    }

    private static BigDecimal number(String name, String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(name + " must be a whole number >= 0", e);
        }
    }
}
