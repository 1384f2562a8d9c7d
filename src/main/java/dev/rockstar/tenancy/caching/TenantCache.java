package dev.rockstar.tenancy.caching;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rockstar.tenancy.caching.control.TenantCaches;
import dev.rockstar.tenancy.caching.control.TenantKey;
import dev.rockstar.tenancy.tenant.control.TenantContext;

/**
 * The seed's {@code ctx.Cache()}: a cache whose keys belong to the tenant of the request.
 * <pre>
 * &#64;Inject TenantCache cache;
 * ...
 * Optional&lt;Profile&gt; cached = cache.get("user:profile:" + userId);
 * cache.put("user:profile:" + userId, profile);
 * </pre>
 * Another tenant using the same key reaches a different entry. With no tenant active every
 * method throws instead of falling back to a key shared by all tenants. Values must be
 * {@code Serializable}: the cache may be clustered.
 */
@ApplicationScoped
public class TenantCache {

    /** The cache used when no name is given. */
    public static final String DEFAULT_CACHE = "tenancy";

    @Inject
    TenantContext tenant;

    @Inject
    TenantCaches caches;

    public <V> Optional<V> get(Object key) {
        return get(DEFAULT_CACHE, key);
    }

    @SuppressWarnings("unchecked")
    public <V> Optional<V> get(String cacheName, Object key) {
        return Optional.ofNullable((V) caches.cache(cacheName).get(keyOf(key)));
    }

    public void put(Object key, Object value) {
        put(DEFAULT_CACHE, key, value);
    }

    public void put(String cacheName, Object key, Object value) {
        caches.cache(cacheName).put(keyOf(key), value);
    }

    public boolean remove(Object key) {
        return remove(DEFAULT_CACHE, key);
    }

    public boolean remove(String cacheName, Object key) {
        return caches.cache(cacheName).remove(keyOf(key));
    }

    /** Removes every entry of the current tenant, in every cache; other tenants keep theirs. */
    public int clear() {
        return caches.clear(tenant.require().id());
    }

    private TenantKey keyOf(Object key) {
        return new TenantKey(tenant.require().id(), key);
    }
}
