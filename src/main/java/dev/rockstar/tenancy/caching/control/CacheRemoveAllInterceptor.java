package dev.rockstar.tenancy.caching.control;

import java.io.Serializable;

import javax.cache.annotation.CacheRemoveAll;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * {@link CacheRemoveAll} where the server has no JCache annotations; see
 * {@link CacheResultInterceptor}. As the specification (and Payara) does, it empties the whole
 * cache, every tenant's entries; to drop one tenant's, use {@code TenantCache.clear()}.
 */
@CacheRemoveAll
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_AFTER)
public class CacheRemoveAllInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    TenantCaches caches;

    @AroundInvoke
    Object cacheRemoveAll(InvocationContext invocation) throws Exception {
        CacheRemoveAll annotation = CacheInvocation.annotation(invocation, CacheRemoveAll.class);
        if (annotation == null) {
            return invocation.proceed();
        }
        // No key: only the name rule is needed, not the parameters.
        String cacheName = CacheInvocation.cacheName(invocation, annotation.cacheName());
        return CacheInvocation.proceedWith(invocation, annotation.afterInvocation(), annotation.evictFor(),
                annotation.noEvictFor(), () -> caches.cache(cacheName).removeAll());
    }
}
