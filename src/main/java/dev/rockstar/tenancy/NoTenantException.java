package dev.rockstar.tenancy;

/**
 * Tenant-owned state was touched where no tenant is active: a programming error (a resource
 * without {@code @TenantScoped}, a background thread), never a request to fall back to all tenants.
 * Thrown by {@link TenantContext#require()}, the {@link TenantData} {@code EntityManager},
 * {@link TenantCache} and {@link TenantCached} methods; it is a 500 if it reaches a client.
 * <pre>
 * try { ... } catch (NoTenantException e) { ... }  // only in code that may run without a tenant
 * </pre>
 */
public class NoTenantException extends IllegalStateException {

    public NoTenantException() {
        super("No tenant is active in this request: tenant-owned data, cache and metrics need a "
                + "resource annotated @TenantScoped");
    }
}
