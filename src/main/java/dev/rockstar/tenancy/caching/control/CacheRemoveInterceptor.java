package dev.rockstar.tenancy.caching.control;

import java.io.Serializable;

import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.GeneratedCacheKey;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** {@link CacheRemove} where the server has no JCache annotations; see {@link CacheResultInterceptor}. */
@CacheRemove
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_AFTER)
public class CacheRemoveInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    TenantCaches caches;

    @AroundInvoke
    Object cacheRemove(InvocationContext invocation) throws Exception {
        CacheRemove annotation = CacheInvocation.annotation(invocation, CacheRemove.class);
        if (annotation == null) {
            return invocation.proceed();
        }
        CacheInvocation<CacheRemove> call = new CacheInvocation<>(invocation, annotation, annotation.cacheName());
        GeneratedCacheKey key = call.key(annotation.cacheKeyGenerator());
        return CacheInvocation.proceedWith(invocation, annotation.afterInvocation(), annotation.evictFor(),
                annotation.noEvictFor(), () -> caches.cache(call.getCacheName()).remove(key));
    }
}
