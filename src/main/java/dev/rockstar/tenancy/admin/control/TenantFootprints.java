package dev.rockstar.tenancy.admin.control;

import dev.rockstar.tenancy.caching.TenantCaches;
import dev.rockstar.tenancy.metrics.TenantMetrics;
import dev.rockstar.tenancy.persistence.CrossTenantAccess;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Per-tenant resource usage for the operator: what one tenant holds and how busy it is. */
@ApplicationScoped
public class TenantFootprints {

    @Inject
    TenantRegistry registry;

    @Inject
    CrossTenantAccess crossTenant;

    @Inject
    TenantCaches caches;

    @Inject
    TenantMetrics metrics;

    /** @throws dev.rockstar.tenancy.problems.ResourceNotFoundException when there is no such tenant */
    public Footprint of(String tenantId) {
        registry.require(tenantId);
        return new Footprint(
                tenantId, crossTenant.rowCounts(tenantId), caches.count(tenantId), metrics.recent(tenantId));
    }
}
