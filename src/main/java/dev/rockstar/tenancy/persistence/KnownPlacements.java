package dev.rockstar.tenancy.persistence;

import java.util.function.Function;

/**
 * Which placement each tenant is in, held in memory on this node for the routing of every
 * statement to its placement's schema. An interface because what invalidates it (the registry's
 * events, the change feed) is above this package; its one bean is the registry's.
 */
public interface KnownPlacements {

    /**
     * What a replacing restore's hold of a tenant starts with, where a move's id would be. Not a
     * freeze here: the restore writes as the tenant while it holds it (its documents' count), and
     * the writers it must not overlap take turns with it on the tenant's registry row instead.
     */
    String RESTORE_HOLD = "r-";

    /**
     * Where a tenant's statements go, and whether its writes are held for a move: a move owns it
     * and its status is not {@code ACTIVE} (a moving tenant is {@code READ_ONLY}, or {@code
     * SUSPENDED} when it was; after the thaw it is its old status again until the move ends). Read
     * from the registry, not from the picture a request bound when it began, which may be older
     * than the freeze.
     */
    record Routed(String placement, boolean frozen) {}

    /**
     * The tenant's routing, from memory, or {@code fromRegistry}'s answer (a query of the
     * registry's row; {@code null} for no such tenant, which is not kept) kept until the tenant
     * next changes here or on any node.
     */
    Routed routingOf(String tenantId, Function<String, Routed> fromRegistry);
}
