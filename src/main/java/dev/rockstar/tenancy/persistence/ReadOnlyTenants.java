package dev.rockstar.tenancy.persistence;

/**
 * Which tenants are {@code READ_ONLY}, as this node knows them now, for {@link ReadOnlyGuard}. An
 * interface because the registry that knows it depends on this package, not the other way round;
 * its one bean is the registry's.
 */
public interface ReadOnlyTenants {

    /** Whether the tenant's rows must not change now; {@code false} for a tenant that does not exist. */
    boolean isReadOnly(String tenantId);
}
