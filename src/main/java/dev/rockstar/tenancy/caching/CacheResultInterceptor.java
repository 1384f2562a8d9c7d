package dev.rockstar.tenancy.caching;

import dev.rockstar.tenancy.pipeline.Pipeline;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import javax.cache.Cache;
import javax.cache.annotation.CacheResult;

/**
 * {@link CacheResult} on every server, keyed by tenant ({@link CacheInvocation}); where the server
 * has its own implementation (Payara), {@link StandardCacheAnnotations} switches that one off.
 * Caches come from the application's cache manager ({@link TenantCaches}), so the annotations,
 * {@code TenantCache} and {@code @TenantCached} share entries and a tenant's clear reaches all.
 */
@CacheResult
@Interceptor
@Priority(Pipeline.CACHE_INTERCEPTORS)
public class CacheResultInterceptor extends JCacheAnnotationInterceptor {

    private static final long serialVersionUID = 1L;

    @AroundInvoke
    Object cacheResult(InvocationContext invocation) throws Exception {
        CacheResult annotation = CacheInvocation.annotation(invocation, CacheResult.class);
        if (annotation == null) {
            return invocation.proceed();
        }
        CacheInvocation<CacheResult> call = call(invocation, annotation, annotation.cacheName());
        TenantKey key = call.key(annotation.cacheKeyGenerator());
        Cache<Object, Object> cache = caches.cache(call.getCacheName());
        Cache<Object, Object> exceptions =
                annotation.exceptionCacheName().isEmpty() ? null : caches.cache(annotation.exceptionCacheName());
        if (!annotation.skipGet()) {
            Object cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
            if (exceptions != null && exceptions.get(key) instanceof Throwable thrown) {
                throw rethrowable(thrown);
            }
        }
        try {
            Object result = invocation.proceed();
            if (result != null) {
                cache.put(key, result);
            }
            return result;
        } catch (Exception thrown) {
            if (exceptions != null
                    && CacheInvocation.matches(
                            thrown, annotation.cachedExceptions(), annotation.nonCachedExceptions())) {
                exceptions.put(key, thrown);
            }
            throw thrown;
        }
    }

    private static Exception rethrowable(Throwable thrown) {
        if (thrown instanceof Exception exception) {
            return exception;
        }
        throw (Error) thrown;
    }
}
