package dev.rockstar.tenancy.tenant.control;

/**
 * Tenant-owned state was touched where no tenant is active: a programming error (a resource
 * without {@code @TenantScoped}, a background thread), never a request to fall back to all tenants.
 */
public class NoTenantException extends IllegalStateException {

    public NoTenantException() {
        super("No tenant is active in this request: tenant-owned data, cache and metrics need a "
                + "resource annotated @TenantScoped");
    }
}
