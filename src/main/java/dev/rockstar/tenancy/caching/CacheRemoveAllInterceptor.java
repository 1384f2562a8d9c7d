package dev.rockstar.tenancy.caching;

import dev.rockstar.tenancy.pipeline.Pipeline;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import javax.cache.annotation.CacheRemoveAll;

/**
 * {@link CacheRemoveAll}, on every server: unlike the specification's "empty the cache", it removes
 * only the current tenant's entries of the cache, so one tenant cannot wipe what others cached.
 */
@CacheRemoveAll
@Interceptor
@Priority(Pipeline.CACHE_INTERCEPTORS)
public class CacheRemoveAllInterceptor extends JCacheAnnotationInterceptor {

    private static final long serialVersionUID = 1L;

    @AroundInvoke
    Object cacheRemoveAll(InvocationContext invocation) throws Exception {
        CacheRemoveAll annotation = CacheInvocation.annotation(invocation, CacheRemoveAll.class);
        if (annotation == null) {
            return invocation.proceed();
        }
        // No key: only the name rule is needed, not the parameters.
        String cacheName = CacheInvocation.cacheName(invocation, annotation.cacheName());
        String tenantId = tenant.require().id();
        return CacheInvocation.proceedWith(
                invocation,
                annotation.afterInvocation(),
                annotation.evictFor(),
                annotation.noEvictFor(),
                () -> caches.clear(tenantId, cacheName));
    }
}
