package dev.rockstar.tenancy.persistence;

import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The tenant EntityManagers one request has opened, by tenant id; closed when the request ends.
 * Not a managed bean: {@link TenantEntityManagerProducer} makes one per request.
 */
class OpenEntityManagers {

    private final Map<String, EntityManager> byTenant = new HashMap<>(2);

    EntityManager of(String tenantId, Function<String, EntityManager> opening) {
        return byTenant.computeIfAbsent(tenantId, opening);
    }

    void closeAll() {
        byTenant.values().stream().filter(EntityManager::isOpen).forEach(EntityManager::close);
        byTenant.clear();
    }
}
