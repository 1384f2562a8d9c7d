package dev.rockstar.tenancy.persistence;

import java.util.function.Function;

/**
 * Which placement each tenant is in, held in memory on this node for the routing of every
 * statement to its placement's schema. An interface because what invalidates it (the registry's
 * events, the change feed) is above this package; its one bean is the registry's.
 */
public interface KnownPlacements {

    /**
     * Where a tenant's statements go, and whether its writes are held for a move although its
     * status does not say so (a suspended tenant keeps its status while it moves).
     */
    record Routed(String placement, boolean frozen) {}

    /**
     * The tenant's routing, from memory, or {@code fromRegistry}'s answer (a query of the
     * registry's row; {@code null} for no such tenant, which is not kept) kept until the tenant
     * next changes here or on any node.
     */
    Routed routingOf(String tenantId, Function<String, Routed> fromRegistry);
}
