package dev.rockstar.tenancy.caching;

import java.lang.annotation.Annotation;
import java.util.Arrays;

import javax.cache.annotation.CacheInvocationParameter;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.GeneratedCacheKey;

import jakarta.enterprise.inject.spi.CDI;

import dev.rockstar.tenancy.caching.control.TenantCaches;
import dev.rockstar.tenancy.caching.control.TenantKey;
import dev.rockstar.tenancy.tenant.control.TenantContext;

/**
 * Makes code that uses the standard JCache annotations tenant-safe: the generated key carries
 * the tenant, and is the same key {@link TenantCache} and {@link TenantCached} use.
 * <pre>
 * &#64;CacheResult(cacheName = "profiles", cacheKeyGenerator = TenantCacheKeyGenerator.class)
 * public Profile profile(String userId) { ... }
 * </pre>
 * With no tenant active it refuses, so the annotated method fails rather than share an entry.
 */
public class TenantCacheKeyGenerator implements CacheKeyGenerator {

    @Override
    public GeneratedCacheKey generateCacheKey(CacheKeyInvocationContext<? extends Annotation> context) {
        // Created by the annotations' interceptor, not by CDI: look the beans up.
        String tenantId = CDI.current().select(TenantContext.class).get().require().id();
        CDI.current().select(TenantCaches.class).get().remember(context.getCacheName());
        Object[] values = Arrays.stream(context.getKeyParameters()).map(CacheInvocationParameter::getValue).toArray();
        return new TenantKey(tenantId, TenantKey.keyOf(values));
    }
}
