package dev.rockstar.tenancy.admin.control;

import dev.rockstar.tenancy.metrics.TenantMetrics;
import java.util.Map;

/**
 * What a tenant occupies: rows per tenant-owned entity, cache entries, and its requests per
 * minute over the last minutes on this node (oldest first).
 */
public record Footprint(String tenantId, Map<String, Long> rows, int cacheEntries, TenantMetrics.RecentCounts recent) {

    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    public long recentRequests() {
        return recent.total();
    }
}
