package dev.rockstar.tenancy.tenant.control;

import java.util.Optional;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rockstar.tenancy.tenant.entity.TenantConfig;

/**
 * The current tenant's configuration for application code: typed, read-only, with the defaults
 * of {@code tenancy.defaults.*} beneath the tenant's own settings, served from memory.
 * <pre>
 * &#64;Inject TenantConfiguration settings;
 * if (settings.isEnabled("exports")) { ... }
 * long max = settings.limit("maxDocuments").orElse(Long.MAX_VALUE);
 * String name = settings.branding("displayName").orElse(tenant.name());
 * </pre>
 * A change through the admin API is visible on the next request. Without a tenant it throws.
 */
@ApplicationScoped
public class TenantConfiguration {

    @Inject
    TenantContext tenant;

    @Inject
    TenantDefaults defaults;

    /** A feature flag; an unknown feature is off. */
    public boolean isEnabled(String feature) {
        return Boolean.TRUE.equals(effective().features().get(feature));
    }

    /** A limit such as {@code maxDocuments} or {@code requestsPerSecond}; empty means no limit. */
    public OptionalLong limit(String name) {
        Long value = effective().limits().get(name);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** A branding value such as {@code displayName}, {@code primaryColor} or {@code logoUrl}. */
    public Optional<String> branding(String key) {
        return Optional.ofNullable(effective().branding().get(key));
    }

    /** All of it at once. */
    public TenantConfig effective() {
        return defaults.effective(tenant.require().config());
    }
}
