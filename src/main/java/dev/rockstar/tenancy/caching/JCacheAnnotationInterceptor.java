package dev.rockstar.tenancy.caching;

import dev.rockstar.tenancy.TenantContext;
import jakarta.inject.Inject;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;
import java.lang.annotation.Annotation;

/** What the four JSR-107 annotation interceptors share: the tenant, the caches and how a call is read. */
abstract class JCacheAnnotationInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    TenantContext tenant;

    @Inject
    TenantCaches caches;

    /** The call as the specification describes it, keyed by the current tenant (fails closed without one). */
    <A extends Annotation> CacheInvocation<A> call(InvocationContext invocation, A annotation, String cacheName) {
        return new CacheInvocation<>(invocation, tenant.require().id(), annotation, cacheName);
    }
}
