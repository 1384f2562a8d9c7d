package dev.rockstar.tenancy.caching;

import dev.rockstar.tenancy.TenantCache;
import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.cluster.ChangeFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** {@link TenantCache} on the application's JCache: every key is a {@link TenantKey} of the current tenant. */
@ApplicationScoped
class JCacheTenantCache implements TenantCache {

    @Inject
    TenantContext tenant;

    @Inject
    TenantCaches caches;

    @Inject
    ChangeFeed feed;

    @Override
    public <V> Optional<V> get(Object key) {
        return get(DEFAULT_CACHE, key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> Optional<V> get(String cacheName, Object key) {
        return Optional.ofNullable((V) caches.cache(cacheName).get(keyOf(key)));
    }

    @Override
    public void put(Object key, Object value) {
        put(DEFAULT_CACHE, key, value);
    }

    @Override
    public void put(String cacheName, Object key, Object value) {
        caches.cache(cacheName).put(keyOf(key), value);
    }

    @Override
    public boolean remove(Object key) {
        return remove(DEFAULT_CACHE, key);
    }

    @Override
    public boolean remove(String cacheName, Object key) {
        return caches.cache(cacheName).remove(keyOf(key));
    }

    @Override
    public int clear() {
        String id = tenant.require().id();
        int removed = caches.clear(id);
        feed.cacheCleared(id); // every other node clears its own entries of the tenant too
        return removed;
    }

    private TenantKey keyOf(Object key) {
        return new TenantKey(tenant.require().id(), key);
    }
}
