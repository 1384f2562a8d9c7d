package dev.rockstar.tenancy.caching.control;

import java.util.Arrays;
import java.util.List;

import javax.cache.annotation.GeneratedCacheKey;

/**
 * The one shape of every tenant cache key: the tenant and the application's key. A key never
 * exists without its tenant, so two tenants can never meet on an entry, and one tenant's
 * entries can be found and cleared without touching anyone else's.
 */
public record TenantKey(String tenantId, Object key) implements GeneratedCacheKey {

    private static final long serialVersionUID = 1L;

    public TenantKey {
        if (tenantId == null || tenantId.isEmpty()) {
            throw new IllegalArgumentException("a tenant cache key needs a tenant");
        }
    }

    /** The key for a method's arguments: the argument itself, or the list of all of them. */
    public static Object keyOf(Object[] arguments) {
        return arguments.length == 1 ? arguments[0] : List.copyOf(Arrays.asList(arguments));
    }

    @Override
    public String toString() {
        return "tenant:" + tenantId + ":" + key;
    }
}
