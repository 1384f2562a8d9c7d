package dev.rockstar.tenancy.persistence;

import dev.rockstar.tenancy.TenantDiscriminator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * Opens one tenant's EntityManagers on the database its placement is in: the persistence unit's
 * datasource for {@value Placements#SHARED} and the schema placements (the schema is chosen per
 * transaction, {@link RowLevelSecurity}), a database placement's own datasource for a tenant
 * there, so its statements go to its database through its own pool. Such an EntityManager joins
 * a JTA transaction as a resource of that database alone: a transaction that also touched the main
 * database would need two-phase commit, and none of the framework's does (docs/PLACEMENTS.md).
 */
@ApplicationScoped
class TenantEntityManagers {

    /** EclipseLink's EntityManager property: its connections come from this datasource, not the unit's. */
    static final String JTA_DATA_SOURCE = "jakarta.persistence.jtaDataSource";

    /**
     * EclipseLink's EntityManager property: {@code Always}, its reads too go through its own
     * connection. Without it EclipseLink reads through the unit's shared read pool, which is the
     * main database's.
     */
    static final String EXCLUSIVE_CONNECTION = "eclipselink.jdbc.exclusive-connection.mode";

    @PersistenceUnit(unitName = "tenancy")
    EntityManagerFactory factory;

    @Inject
    Placements placements;

    @Inject
    KnownPlacements known;

    /**
     * EntityManager property: the placement whose database an EntityManager was opened on for the
     * tenant's routing. Each of its statements checks that the tenant is still in that database
     * ({@link RowLevelSecurity}): after a move to another database it would read the source, whose
     * rows are deleted once the move's grace is over, or the main schema, where it has none.
     */
    static final String ROUTED_PLACEMENT = "tenancy.routed-placement";

    /** An EntityManager of the tenant in the placement it is in now. */
    EntityManager open(String tenantId) {
        return open(tenantId, Map.of());
    }

    /**
     * An EntityManager of the tenant in the placement it is in now, with more properties; where no
     * database placement is declared, the unit's, with no question asked of where the tenant is.
     */
    EntityManager open(String tenantId, Map<String, Object> more) {
        return openRouted(tenantId, routeOf(tenantId), more);
    }

    /**
     * The placement an EntityManager of the tenant would be opened on now; {@code null} where no
     * database placement is declared, when every tenant's EntityManager is the main database's.
     */
    String routeOf(String tenantId) {
        return placements.anyDatabase() ? placementOf(tenantId) : null;
    }

    /** An EntityManager of the tenant on {@code route} ({@link #routeOf}), checked by each statement. */
    EntityManager openRouted(String tenantId, String route, Map<String, Object> more) {
        if (route == null) {
            return open(tenantId, Placements.SHARED, more);
        }
        Map<String, Object> routed = new HashMap<>(more);
        routed.put(ROUTED_PLACEMENT, route);
        return open(tenantId, route, routed);
    }

    /** An EntityManager of the tenant in a placement it is being placed in (or leaves). */
    EntityManager open(String tenantId, String placement, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>(more);
        properties.put(TenantDiscriminator.CONTEXT_PROPERTY, tenantId);
        if (placements.isDatabase(placement)) {
            properties.put(JTA_DATA_SOURCE, placements.dataSourceOf(placement));
            properties.put(EXCLUSIVE_CONNECTION, "Always");
        }
        return factory.createEntityManager(properties);
    }

    /**
     * The tenant's placement as this node routes its statements ({@value Placements#SHARED} for a
     * tenant the registry does not know).
     */
    String placementOf(String tenantId) {
        if (!placements.any()) {
            return Placements.SHARED;
        }
        KnownPlacements.Routed routed = known.routingOf(tenantId, PlacementRouting::fromRegistry);
        return routed == null ? Placements.SHARED : routed.placement();
    }
}
