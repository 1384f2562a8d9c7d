package dev.rockstar.tenancy.persistence;

/**
 * One tenant-owned entity as the persistence unit maps it: its table, as SQL names it (lower case
 * unless the mapping quotes it, as PostgreSQL folds an unquoted name), and how its tenant is told
 * apart. {@link TenantOwnedTables} derives it from EclipseLink's descriptors.
 *
 * @param entity the entity class
 * @param entityName the entity's JPQL name
 * @param table the entity's table, usable as is in SQL on every database
 * @param singleTable whether the tenants share the table ({@code @Multitenant(SINGLE_TABLE)})
 * @param column the tenant discriminator column, or {@code null} where there is none
 * @param contextProperty the property of the {@code EntityManager} the column's value comes from
 * @param primaryKey whether the column is part of the primary key
 */
public record TenantOwnedTable(
        Class<?> entity,
        String entityName,
        String table,
        boolean singleTable,
        String column,
        String contextProperty,
        boolean primaryKey) {}
