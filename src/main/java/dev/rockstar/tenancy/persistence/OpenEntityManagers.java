package dev.rockstar.tenancy.persistence;

import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The tenant EntityManagers one request has opened, by tenant id; closed when the request ends.
 * Not a managed bean: {@link TenantEntityManagerProducer} makes one per request.
 */
class OpenEntityManagers {

    /** @param route the placement it was opened on ({@link TenantEntityManagers#routeOf}) */
    private record Opened(EntityManager em, String route) {}

    private final Map<String, Opened> byTenant = new HashMap<>(2);

    /**
     * The tenant's EntityManager of this request, on {@code route}. One opened on another route
     * (the tenant moved to another database since) is replaced, unless it is joined to the
     * transaction under way, which is that database's alone: its next statement is refused
     * instead ({@link RowLevelSecurity}) and the transaction rolls back.
     */
    EntityManager of(String tenantId, String route, BiFunction<String, String, EntityManager> opening) {
        Opened opened = byTenant.get(tenantId);
        if (opened != null
                && (Objects.equals(opened.route(), route) || opened.em().isJoinedToTransaction())) {
            return opened.em();
        }
        if (opened != null && opened.em().isOpen()) {
            opened.em().close();
        }
        EntityManager em = opening.apply(tenantId, route);
        byTenant.put(tenantId, new Opened(em, route));
        return em;
    }

    void closeAll() {
        byTenant.values().stream().map(Opened::em).filter(EntityManager::isOpen).forEach(EntityManager::close);
        byTenant.clear();
    }
}
