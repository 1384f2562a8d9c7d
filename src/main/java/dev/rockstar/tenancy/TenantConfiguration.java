package dev.rockstar.tenancy;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The current tenant's configuration: typed, read-only, with the defaults of
 * {@code tenancy.defaults.*} beneath the tenant's own settings, served from memory.
 * <pre>
 * &#64;Inject TenantConfiguration settings;
 * if (settings.isEnabled("exports")) { ... }
 * long max = settings.limit("maxDocuments").orElse(Long.MAX_VALUE);
 * String name = settings.branding("displayName").orElse(tenant.require().name());
 * </pre>
 * A change through the admin API is visible on the next request. Without a tenant every method
 * throws {@link NoTenantException}.
 */
public interface TenantConfiguration {

    /** A feature flag; an unknown feature is off. */
    boolean isEnabled(String feature);

    /** A limit such as {@code maxDocuments} or {@code requestsPerSecond}; empty means no limit. */
    OptionalLong limit(String name);

    /** A branding value such as {@code displayName}, {@code primaryColor} or {@code logoUrl}. */
    Optional<String> branding(String key);

    /** All of it at once. */
    TenantConfig effective();
}
