package dev.rockstar.tenancy.admin.control;

import dev.rockstar.tenancy.metrics.TenantMetrics;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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

    public JsonObject toJson() {
        JsonObjectBuilder rowsJson = Json.createObjectBuilder();
        rows.forEach(rowsJson::add);
        JsonArrayBuilder perMinute = Json.createArrayBuilder();
        for (long count : recent.perMinute()) {
            perMinute.add(count);
        }
        return Json.createObjectBuilder()
                .add("tenantId", tenantId)
                .add("rows", rowsJson)
                .add("cacheEntries", cacheEntries)
                .add("requestsPerMinute", perMinute)
                .build();
    }
}
