package dev.rockstar.tenancy.persistence;

/** The names tenant-owned entities use in {@code @TenantDiscriminatorColumn}. */
public final class TenantDiscriminator {

    /** The column every tenant-owned table leads with, part of its primary key. */
    public static final String COLUMN = "tenant_id";

    /** The EclipseLink context property the tenant's {@code EntityManager} carries. */
    public static final String CONTEXT_PROPERTY = "tenancy.tenant-id";

    private TenantDiscriminator() {
    }
}
