package dev.rockstar.tenancy.admin.control;

import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.caching.TenantCaches;
import dev.rockstar.tenancy.cluster.ChangeFeed;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * An operator clears one tenant's cache entries in every cache, on this node and (through the
 * change feed) on every other; other tenants keep theirs. Audited.
 */
@ApplicationScoped
public class CacheClearing {

    @Inject
    TenantRegistry registry;

    @Inject
    TenantCaches caches;

    @Inject
    AuditLog audit;

    @Inject
    ChangeFeed feed;

    /**
     * @return how many entries were removed
     * @throws dev.rockstar.tenancy.problems.ResourceNotFoundException when there is no such tenant
     */
    public int clear(String tenantId) {
        registry.require(tenantId);
        int removed = caches.clear(tenantId);
        feed.cacheCleared(tenantId);
        audit.record(tenantId, "TENANT_CACHE_CLEARED", removed + " cache entries removed");
        return removed;
    }
}
