package dev.rockstar.tenancy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Makes a JAX-RS resource class or method require the tenant of the request's host. Without a
 * tenant for the host it answers 404 {@code TENANT_NOT_FOUND}; for a suspended tenant 403
 * {@code TENANT_INACTIVE}. Inside, {@code TenantContext}, JPA, the cache and metrics all see the
 * tenant; outside, requests run with no tenant.
 * <pre>
 * &#64;Path("documents")
 * &#64;TenantScoped
 * public class DocumentsResource {
 *     &#64;Inject TenantContext tenant;
 *     ...
 * }
 * </pre>
 */
@NameBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface TenantScoped {
}
