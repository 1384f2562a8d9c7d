package dev.rockstar.tenancy.persistence;

import dev.rockstar.tenancy.problems.PlacementUnavailableException;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Which schema a tenant's statements go to: its placement's ({@link Placements}), as this node
 * knows it ({@link KnownPlacements}), else as the registry says. Made by EclipseLink's listener,
 * not CDI: the beans are looked up on first use.
 */
final class PlacementRouting {

    private volatile Placements placements;
    private volatile KnownPlacements known;

    /** Whether any schema placement is declared: without one no connection is ever switched. */
    boolean active() {
        return placements().any();
    }

    /**
     * The tenant's placement.
     *
     * @throws PlacementUnavailableException 503 {@code UNAVAILABLE} when its placement is not up
     */
    Placements.Placement of(String tenantId) {
        Placements all = placements();
        KnownPlacements.Routed routed = known().routingOf(tenantId, PlacementRouting::fromRegistry);
        String name = routed == null ? Placements.SHARED : routed.placement();
        Placements.Placement placement = all.find(name)
                .orElseThrow(() -> unavailable(
                        "The tenant's placement '" + name + "' is not declared on this node (tenancy.placements)"));
        if (!all.isAvailable(placement.name())) {
            throw unavailable("The data of this host's tenant cannot be reached right now");
        }
        return placement;
    }

    /**
     * The schema the tenant's statements must be switched to, as SQL names it (quoted): its
     * placement's in the main database, the main schema for {@value Placements#SHARED}; {@code null}
     * for a database placement, whose connections are its own database's and stay as they are.
     *
     * @param route the placement whose database the statement's EntityManager was opened on
     *     ({@link TenantEntityManagers#ROUTED_PLACEMENT}), {@code null} when it does not say
     * @throws PlacementUnavailableException 503 {@code UNAVAILABLE} when its placement is not up,
     *     retried after a second when the tenant is now in another database than {@code route}: it
     *     moved while the EntityManager was open, and the statement would reach the source, whose
     *     rows go once the move's grace is over, or the main schema, where it has none
     */
    String schemaToSwitchTo(String tenantId, String route) {
        Placements.Placement placement = of(tenantId);
        if (route != null && !placements().sameDatabase(route, placement.name())) {
            throw new PlacementUnavailableException(
                    "This host's tenant moved to another database while the request was under way", 1);
        }
        return placement.database() ? null : placements().schemaOf(placement.name());
    }

    /** The main schema, unquoted. */
    String mainSchema() {
        return placements().mainSchema();
    }

    /**
     * PostgreSQL's search path for a schema ({@link #schemaOf}): the role's own for the main
     * schema; else the placement's schema first and then the role's, where the global tables are.
     */
    String searchPath(String schema) {
        String own = placements().mainSearchPath().orElse(Placements.quoted(mainSchema()));
        return schema == null || schema.equals(Placements.quoted(mainSchema())) ? own : schema + ", " + own;
    }

    static PlacementUnavailableException unavailable(String detail) {
        return new PlacementUnavailableException(detail);
    }

    /** Whether the tenant's writes are held for a move its status does not show (a suspended tenant's). */
    boolean frozen(String tenantId) {
        KnownPlacements.Routed routed = known().routingOf(tenantId, PlacementRouting::fromRegistry);
        return routed != null && routed.frozen();
    }

    /**
     * The registry's row, {@code null} for no such tenant: read by plain JDBC outside any JTA
     * transaction ({@link RegistryReads}), since this runs while EclipseLink executes a statement
     * or opens a tenant's EntityManager, inside transactions that may be another database's alone.
     */
    static KnownPlacements.Routed fromRegistry(String tenantId) {
        Placements placements = CDI.current().select(Placements.class).get();
        return !placements.anyDatabase()
                ? RegistryReads.read(placements, tenantId)
                : CDI.current().select(RegistryReads.class).get().routingOf(tenantId);
    }

    private Placements placements() {
        Placements bean = placements;
        if (bean == null) {
            bean = CDI.current().select(Placements.class).get();
            placements = bean;
        }
        return bean;
    }

    private KnownPlacements known() {
        KnownPlacements bean = known;
        if (bean == null) {
            bean = CDI.current().select(KnownPlacements.class).get();
            known = bean;
        }
        return bean;
    }
}
