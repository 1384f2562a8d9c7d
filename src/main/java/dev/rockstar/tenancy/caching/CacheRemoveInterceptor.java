package dev.rockstar.tenancy.caching;

import java.io.Serializable;

import javax.cache.annotation.CacheRemove;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.pipeline.Pipeline;

/** {@link CacheRemove} on every server, keyed by tenant; see {@link CacheResultInterceptor}. */
@CacheRemove
@Interceptor
@Priority(Pipeline.CACHE_INTERCEPTORS)
public class CacheRemoveInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    TenantContext tenant;

    @Inject
    TenantCaches caches;

    @AroundInvoke
    Object cacheRemove(InvocationContext invocation) throws Exception {
        CacheRemove annotation = CacheInvocation.annotation(invocation, CacheRemove.class);
        if (annotation == null) {
            return invocation.proceed();
        }
        CacheInvocation<CacheRemove> call = new CacheInvocation<>(invocation, tenant.require().id(), annotation, annotation.cacheName());
        TenantKey key = call.key(annotation.cacheKeyGenerator());
        return CacheInvocation.proceedWith(invocation, annotation.afterInvocation(), annotation.evictFor(),
                annotation.noEvictFor(), () -> caches.cache(call.getCacheName()).remove(key));
    }
}
