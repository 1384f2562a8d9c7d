package dev.rockstar.tenancy.caching;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Caches a method's result per tenant in the server's JCache. The key is the tenant and the
 * method's argument (all arguments, as a list, when there are several), the same key that
 * {@link TenantCache} and {@link TenantCacheKeyGenerator} use, so the three ways meet:
 * <pre>
 * &#64;TenantCached(cacheName = "profiles")
 * public Profile profile(String userId) { ... }   // runs once per tenant and userId
 * </pre>
 * With no tenant active it refuses to run rather than fall back to a key shared by all tenants.
 * Results must be {@code Serializable}: the cache may be clustered.
 */
@Inherited
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface TenantCached {

    /** The JCache cache to use. */
    @Nonbinding
    String cacheName() default TenantCache.DEFAULT_CACHE;
}
