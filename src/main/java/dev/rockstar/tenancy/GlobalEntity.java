package dev.rockstar.tenancy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an entity as deliberately shared by all tenants (the tenant registry, the audit log).
 * Every entity of the persistence unit is either tenant-owned (see {@link TenantDiscriminator})
 * or marked so; the deployment fails otherwise, so a new entity cannot leak by being forgotten.
 * <pre>
 * &#64;Entity
 * &#64;GlobalEntity
 * public class Currency { ... }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface GlobalEntity {}
