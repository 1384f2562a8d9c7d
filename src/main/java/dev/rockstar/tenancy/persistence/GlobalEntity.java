package dev.rockstar.tenancy.persistence;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an entity as deliberately shared by all tenants (the tenant registry, the audit log).
 * Every entity of the persistence unit is either tenant-owned or marked so; the deployment
 * fails otherwise ({@link PersistenceGuard}), so a new entity cannot leak by being forgotten.
 * <pre>
 * &#64;Entity
 * &#64;GlobalEntity
 * public class Tenant { ... }
 * </pre>
 * A tenant-owned entity instead carries:
 * <pre>
 * &#64;Entity
 * &#64;Multitenant(MultitenantType.SINGLE_TABLE)
 * &#64;TenantDiscriminatorColumn(name = TenantDiscriminator.COLUMN,
 *         contextProperty = TenantDiscriminator.CONTEXT_PROPERTY, primaryKey = true)
 * public class Document { ... }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface GlobalEntity {
}
