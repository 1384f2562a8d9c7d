package dev.rockstar.tenancy.caching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Objects;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * The one shape of every tenant cache key: the tenant and the application's key. A key never
 * exists without its tenant, so two tenants can never meet on an entry, and one tenant's
 * entries can be found and cleared without touching anyone else's.
 */
record TenantKey(String tenantId, Object key) implements GeneratedCacheKey {

    private static final long serialVersionUID = 1L;

    TenantKey {
        if (tenantId == null || tenantId.isEmpty()) {
            throw new IllegalArgumentException("a tenant cache key needs a tenant");
        }
    }

    /**
     * The key for a method's arguments: the argument itself, or the list of all of them.
     * {@code null} is a valid argument; the list is a serializable {@code ArrayList}, which
     * compares element by element, because the cache may be clustered.
     */
    static Object keyOf(Object[] arguments) {
        return arguments.length == 1 ? arguments[0] : new ArrayList<>(Arrays.asList(arguments));
    }

    // Written out rather than the record's generated pair: every hit hashes and compares a key, and
    // these take the identical tenant id (one String per tenant) and key by their fast paths.
    @Override
    public boolean equals(Object other) {
        return other == this
                || other instanceof TenantKey that && tenantId.equals(that.tenantId) && Objects.equals(key, that.key);
    }

    @Override
    public int hashCode() {
        return 31 * tenantId.hashCode() + Objects.hashCode(key);
    }

    @Override
    public String toString() {
        return "tenant:" + tenantId + ":" + key;
    }
}
