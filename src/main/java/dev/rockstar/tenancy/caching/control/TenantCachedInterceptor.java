package dev.rockstar.tenancy.caching.control;

import java.io.Serializable;

import javax.cache.Cache;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.rockstar.tenancy.caching.TenantCache;
import dev.rockstar.tenancy.caching.TenantCached;
import dev.rockstar.tenancy.tenant.control.TenantContext;

/** Serves {@link TenantCached} methods from the tenant's entries, computing and storing on a miss. */
@TenantCached
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_AFTER)
public class TenantCachedInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    TenantContext tenant;

    @Inject
    TenantCaches caches;

    @AroundInvoke
    Object cached(InvocationContext invocation) throws Exception {
        TenantCached binding = invocation.getMethod().getAnnotation(TenantCached.class);
        if (binding == null) {
            binding = invocation.getTarget().getClass().getAnnotation(TenantCached.class);
        }
        String cacheName = binding == null ? TenantCache.DEFAULT_CACHE : binding.cacheName();
        TenantKey key = new TenantKey(tenant.require().id(), TenantKey.keyOf(invocation.getParameters()));
        Cache<Object, Object> cache = caches.cache(cacheName);
        Object cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Object result = invocation.proceed();
        if (result != null) {
            cache.put(key, result);
        }
        return result;
    }
}
