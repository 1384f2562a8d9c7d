package dev.rockstar.tenancy;

import java.util.Optional;

/**
 * A cache whose keys belong to the tenant of the request, so one tenant never reads another's entry.
 * <pre>
 * &#64;Inject TenantCache cache;
 * ...
 * Optional&lt;Profile&gt; cached = cache.get("user:profile:" + userId);
 * cache.put("user:profile:" + userId, profile);
 * </pre>
 * Another tenant using the same key reaches a different entry. With no tenant active every
 * method throws {@link NoTenantException} instead of falling back to a key shared by all tenants.
 * Values must be {@code Serializable}: the cache may be clustered. Keys may be {@code null}.
 * Entries expire after {@code tenancy.cache.ttl-seconds}.
 */
public interface TenantCache {

    /** The cache used when no name is given. */
    String DEFAULT_CACHE = "tenancy";

    <V> Optional<V> get(Object key);

    <V> Optional<V> get(String cacheName, Object key);

    void put(Object key, Object value);

    void put(String cacheName, Object key, Object value);

    /** @return whether there was an entry */
    boolean remove(Object key);

    boolean remove(String cacheName, Object key);

    /** Removes every entry of the current tenant, in every cache; other tenants keep theirs. */
    int clear();
}
