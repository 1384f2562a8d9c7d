package dev.rockstar.tenancy.caching;

import dev.rockstar.tenancy.pipeline.Pipeline;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import javax.cache.annotation.CacheRemove;

/** {@link CacheRemove} on every server, keyed by tenant; see {@link CacheResultInterceptor}. */
@CacheRemove
@Interceptor
@Priority(Pipeline.CACHE_INTERCEPTORS)
public class CacheRemoveInterceptor extends JCacheAnnotationInterceptor {

    private static final long serialVersionUID = 1L;

    @AroundInvoke
    Object cacheRemove(InvocationContext invocation) throws Exception {
        CacheRemove annotation = CacheInvocation.annotation(invocation, CacheRemove.class);
        if (annotation == null) {
            return invocation.proceed();
        }
        CacheInvocation<CacheRemove> call = call(invocation, annotation, annotation.cacheName());
        TenantKey key = call.key(annotation.cacheKeyGenerator());
        return CacheInvocation.proceedWith(
                invocation,
                annotation.afterInvocation(),
                annotation.evictFor(),
                annotation.noEvictFor(),
                () -> caches.cache(call.getCacheName()).remove(key));
    }
}
