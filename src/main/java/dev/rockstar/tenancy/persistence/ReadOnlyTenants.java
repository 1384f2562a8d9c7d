package dev.rockstar.tenancy.persistence;

/**
 * Which tenants are {@code READ_ONLY}, as this node knows them now, for {@link ReadOnlyGuard}. An
 * interface because the registry that knows it depends on this package, not the other way round;
 * its one bean is the registry's.
 */
public interface ReadOnlyTenants {

    /**
     * Whether the tenant's rows must not change now, from memory (no query: it is asked while a
     * statement is being executed); {@code false} for a tenant it does not know.
     */
    boolean isReadOnly(String tenantId);
}
