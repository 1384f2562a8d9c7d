package dev.rockstar.tenancy.persistence;

import dev.rockstar.tenancy.GlobalEntity;
import dev.rockstar.tenancy.TenantDiscriminator;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.metamodel.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Refuses to start an application whose persistence unit could leak between tenants: an entity
 * that is neither tenant-owned nor marked {@link GlobalEntity}, a tenant-owned entity that does
 * not read the tenant from the tenant's {@code EntityManager}, tenants sharing EclipseLink's
 * cache, or native SQL (which no tenant filter reaches). The deployment fails with a message
 * that names each violation.
 */
@ApplicationScoped
class PersistenceGuard {

    static final String SHARE_CACHE = "eclipselink.multitenant.tenants-share-cache";
    static final String NATIVE_SQL = "eclipselink.jdbc.allow-native-sql-queries";
    private static final Logger LOG = Logger.getLogger(PersistenceGuard.class.getName());

    @PersistenceUnit(unitName = "tenancy")
    EntityManagerFactory factory;

    @Inject
    TenantOwnedTables tenantOwned;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) Startup startup) {
        List<String> violations = new ArrayList<>();
        for (EntityType<?> entity : factory.getMetamodel().getEntities()) {
            violations.addAll(violations(entity.getJavaType(), tenantOwned.of(entity.getJavaType())));
        }
        violations.addAll(violations(factory.getProperties()));
        if (!violations.isEmpty()) {
            throw new IllegalStateException("Rockstar Tenancy refuses to start: the persistence unit 'tenancy' could "
                    + "leak data between tenants:\n  - " + String.join("\n  - ", violations));
        }
        LOG.info(() -> "Persistence unit checked: "
                + factory.getMetamodel().getEntities().size() + " entities, each tenant-owned or global; tenant-owned "
                + "tables " + tenantOwned.tableNames());
    }

    static List<String> violations(Map<String, Object> properties) {
        List<String> violations = new ArrayList<>();
        if ("true".equalsIgnoreCase(String.valueOf(properties.get(SHARE_CACHE)))) {
            violations.add(SHARE_CACHE + " is true: tenants would share cached rows (em.find can return another "
                    + "tenant's row); leave it false");
        }
        if ("true".equalsIgnoreCase(String.valueOf(properties.get(NATIVE_SQL)))) {
            violations.add(NATIVE_SQL + " is true: native SQL bypasses the tenant filter; leave it false");
        }
        return violations;
    }

    /**
     * @param entity an entity of the persistence unit
     * @param owned its multitenant mapping, empty where it has none ({@link TenantOwnedTables})
     */
    static List<String> violations(Class<?> entity, Optional<TenantOwnedTable> owned) {
        boolean global = entity.isAnnotationPresent(GlobalEntity.class);
        String name = entity.getName();
        if (owned.isEmpty() && !global) {
            return List.of(name + " is neither tenant-owned (@Multitenant) nor marked @GlobalEntity");
        }
        if (owned.isPresent() && global) {
            return List.of(name + " is marked both @Multitenant and @GlobalEntity");
        }
        if (global) {
            return List.of();
        }
        TenantOwnedTable table = owned.get();
        if (!table.singleTable()) {
            return List.of(name + " must use @Multitenant(SINGLE_TABLE)");
        }
        if (!TenantDiscriminator.CONTEXT_PROPERTY.equals(table.contextProperty())
                || !TenantDiscriminator.COLUMN.equalsIgnoreCase(table.column())
                || !table.primaryKey()) {
            return List.of(name + " must declare @TenantDiscriminatorColumn(name = \"" + TenantDiscriminator.COLUMN
                    + "\", contextProperty = \"" + TenantDiscriminator.CONTEXT_PROPERTY + "\", primaryKey = true)");
        }
        return List.of();
    }
}
