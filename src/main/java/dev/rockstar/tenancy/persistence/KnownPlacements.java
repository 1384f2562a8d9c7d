package dev.rockstar.tenancy.persistence;

import java.util.function.Function;

/**
 * Which placement each tenant is in, held in memory on this node for the routing of every
 * statement to its placement's schema. An interface because what invalidates it (the registry's
 * events, the change feed) is above this package; its one bean is the registry's.
 */
public interface KnownPlacements {

    /**
     * The tenant's placement, from memory, or {@code fromRegistry}'s answer (a query of the
     * registry's row) kept until the tenant next changes here or on any node.
     */
    String placementOf(String tenantId, Function<String, String> fromRegistry);
}
