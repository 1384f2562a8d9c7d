package dev.rockstar.tenancy.caching;

import dev.rockstar.tenancy.pipeline.Pipeline;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CachePut;

/** {@link CachePut} on every server, keyed by tenant; see {@link CacheResultInterceptor}. */
@CachePut
@Interceptor
@Priority(Pipeline.CACHE_INTERCEPTORS)
public class CachePutInterceptor extends JCacheAnnotationInterceptor {

    private static final long serialVersionUID = 1L;

    @AroundInvoke
    Object cachePut(InvocationContext invocation) throws Exception {
        CachePut annotation = CacheInvocation.annotation(invocation, CachePut.class);
        if (annotation == null) {
            return invocation.proceed();
        }
        CacheInvocation<CachePut> call = call(invocation, annotation, annotation.cacheName());
        CacheInvocationParameter value = call.getValueParameter();
        if (value == null) {
            throw new IllegalStateException(
                    "@CachePut on " + invocation.getMethod() + " needs a @CacheValue parameter");
        }
        TenantKey key = call.key(annotation.cacheKeyGenerator());
        return CacheInvocation.proceedWith(
                invocation,
                annotation.afterInvocation(),
                annotation.cacheFor(),
                annotation.noCacheFor(),
                () -> put(call, key, value));
    }

    private void put(CacheInvocation<CachePut> call, TenantKey key, CacheInvocationParameter value) {
        if (value.getValue() == null) {
            caches.cache(call.getCacheName()).remove(key);
        } else {
            caches.cache(call.getCacheName()).put(key, value.getValue());
        }
    }
}
