package dev.rockstar.tenancy;

/**
 * The names a tenant-owned entity declares in EclipseLink's {@code @TenantDiscriminatorColumn};
 * the deployment fails for a tenant-owned entity that uses others.
 * <pre>
 * &#64;Entity
 * &#64;Multitenant(MultitenantType.SINGLE_TABLE)
 * &#64;TenantDiscriminatorColumn(name = TenantDiscriminator.COLUMN,
 *         contextProperty = TenantDiscriminator.CONTEXT_PROPERTY, length = 63, primaryKey = true)
 * &#64;PrimaryKey
 * public class Invoice { ... }
 * </pre>
 * EclipseLink's {@code @PrimaryKey} says the key is meant to be composite: the tenant column
 * joins the entity's {@code @Id} in it, and without the annotation EclipseLink warns at every
 * start of "multiple ids ... without specifying an @IdClass". No {@code @IdClass} fits: the
 * tenant is no attribute of the entity, and {@code em.find(Invoice.class, id)} with the {@code @Id}
 * alone, the tenant coming from the {@code EntityManager}, is the point. Its table leads with {@code tenant_id} in the primary key and in every index (write it in your
 * Flyway migration), so a tenant's rows are found without reading anyone else's.
 */
public final class TenantDiscriminator {

    /** The column every tenant-owned table leads with, part of its primary key. */
    public static final String COLUMN = "tenant_id";

    /** The EclipseLink context property the tenant's {@code EntityManager} carries. */
    public static final String CONTEXT_PROPERTY = "tenancy.tenant-id";

    private TenantDiscriminator() {}
}
