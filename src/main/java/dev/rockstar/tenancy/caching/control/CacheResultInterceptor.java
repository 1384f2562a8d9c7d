package dev.rockstar.tenancy.caching.control;

import java.io.Serializable;

import javax.cache.Cache;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.GeneratedCacheKey;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * {@link CacheResult} where the server does not implement the JCache annotations (WildFly);
 * {@link StandardCacheAnnotations} disables it where the server does (Payara). Caches come from
 * the application's cache manager ({@link TenantCaches}), so the annotations, {@code TenantCache}
 * and {@code @TenantCached} share entries and a tenant's clear reaches all of them.
 */
@CacheResult
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_AFTER)
public class CacheResultInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    TenantCaches caches;

    @AroundInvoke
    Object cacheResult(InvocationContext invocation) throws Exception {
        CacheResult annotation = CacheInvocation.annotation(invocation, CacheResult.class);
        if (annotation == null) {
            return invocation.proceed();
        }
        CacheInvocation<CacheResult> call = new CacheInvocation<>(invocation, annotation, annotation.cacheName());
        GeneratedCacheKey key = call.key(annotation.cacheKeyGenerator());
        Cache<Object, Object> cache = caches.cache(call.getCacheName());
        Cache<Object, Object> exceptions = annotation.exceptionCacheName().isEmpty() ? null
                : caches.cache(annotation.exceptionCacheName());
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
                    && CacheInvocation.matches(thrown, annotation.cachedExceptions(), annotation.nonCachedExceptions())) {
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
