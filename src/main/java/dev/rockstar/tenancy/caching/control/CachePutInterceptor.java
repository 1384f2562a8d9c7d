package dev.rockstar.tenancy.caching.control;

import java.io.Serializable;

import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.GeneratedCacheKey;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** {@link CachePut} where the server has no JCache annotations; see {@link CacheResultInterceptor}. */
@CachePut
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_AFTER)
public class CachePutInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    TenantCaches caches;

    @AroundInvoke
    Object cachePut(InvocationContext invocation) throws Exception {
        CachePut annotation = CacheInvocation.annotation(invocation, CachePut.class);
        if (annotation == null) {
            return invocation.proceed();
        }
        CacheInvocation<CachePut> call = new CacheInvocation<>(invocation, annotation, annotation.cacheName());
        CacheInvocationParameter value = call.getValueParameter();
        if (value == null) {
            throw new IllegalStateException("@CachePut on " + invocation.getMethod() + " needs a @CacheValue parameter");
        }
        GeneratedCacheKey key = call.key(annotation.cacheKeyGenerator());
        return CacheInvocation.proceedWith(invocation, annotation.afterInvocation(), annotation.cacheFor(),
                annotation.noCacheFor(), () -> put(call, key, value));
    }

    private void put(CacheInvocation<CachePut> call, GeneratedCacheKey key, CacheInvocationParameter value) {
        if (value.getValue() == null) {
            caches.cache(call.getCacheName()).remove(key);
        } else {
            caches.cache(call.getCacheName()).put(key, value.getValue());
        }
    }
}
