package dev.rockstar.tenancy;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A tenant's settings: free-form feature flags, the known
 * numeric limits and the known branding keys. Immutable; what applies to a request (defaults
 * beneath the tenant's own) comes from {@link TenantConfiguration#effective()}.
 * <pre>
 * TenantConfig config = configuration.effective();
 * config.features().get("exports");      // Boolean, or null when never set
 * config.limits().get("maxDocuments");   // Long, or null for no limit
 * </pre>
 */
public record TenantConfig(Map<String, Boolean> features, Map<String, Long> limits, Map<String, String> branding) {

    /** Limits the product enforces; others are refused, so a typo is an error, not a silent no-op. */
    public static final Set<String> KNOWN_LIMITS =
            Set.of("requestsPerSecond", "clientSharePercent", "maxDocuments", "maxComments");

    public static final Set<String> KNOWN_BRANDING = Set.of("displayName", "primaryColor", "logoUrl");
    public static final TenantConfig EMPTY = new TenantConfig(Map.of(), Map.of(), Map.of());

    public TenantConfig {
        features = Collections.unmodifiableMap(new TreeMap<>(features));
        limits = Collections.unmodifiableMap(new TreeMap<>(limits));
        branding = Collections.unmodifiableMap(new TreeMap<>(branding));
    }

    /** These settings with {@code own}'s on top, key by key: defaults first, the tenant's own win. */
    public TenantConfig overlaidWith(TenantConfig own) {
        Map<String, Boolean> f = new TreeMap<>(features);
        f.putAll(own.features);
        Map<String, Long> l = new TreeMap<>(limits);
        l.putAll(own.limits);
        Map<String, String> b = new TreeMap<>(branding);
        b.putAll(own.branding);
        return new TenantConfig(f, l, b);
    }
}
