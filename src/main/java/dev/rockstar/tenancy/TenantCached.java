package dev.rockstar.tenancy;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches a method's result per tenant in the application's JCache. The key is the tenant and the
 * method's arguments; {@code null} arguments are valid keys. Without a cache name each method gets
 * a cache of its own (named after its signature, as the JSR-107 annotations do), so two methods
 * with equal arguments never meet:
 * <pre>
 * &#64;TenantCached
 * public Profile profile(String userId) { ... }   // runs once per tenant and userId
 *
 * &#64;TenantCached(cacheName = "profiles")        // a named cache, shared with TenantCache
 * public Profile profileByName(String userId) { ... }
 * </pre>
 * With no tenant active it refuses to run rather than fall back to a key shared by all tenants.
 * Results must be {@code Serializable}: the cache may be clustered. {@code null} results are not
 * cached.
 */
@Inherited
@InterceptorBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface TenantCached {

    /** The JCache cache to use; empty means one cache for this method alone. */
    @Nonbinding
    String cacheName() default "";
}
