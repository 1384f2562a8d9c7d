package dev.rockstar.tenancy;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a JAX-RS resource class or method serve the tenant of the request's host. Without a
 * tenant for the host it answers 404 {@code TENANT_NOT_FOUND}, for a suspended tenant 403
 * {@code TENANT_INACTIVE}; the other steps of this tenant chain (the tenant's rate, the caller's
 * session) and their order are drawn in the package-info of {@code dev.rockstar.tenancy.pipeline}.
 * Inside, {@link TenantContext}, the {@link TenantData}
 * {@code EntityManager}, the cache and metrics all see the tenant; outside, requests run with no
 * tenant.
 * <pre>
 * &#64;Path("invoices")
 * &#64;TenantScoped
 * &#64;ApplicationScoped
 * public class InvoicesResource {
 *     &#64;Inject TenantContext tenant;
 *     ...
 * }
 * </pre>
 * A JAX-RS name binding as well: a filter of the application's own annotated with it runs for
 * the same methods.
 */
@NameBinding
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface TenantScoped {}
