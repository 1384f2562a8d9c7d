package dev.rockstar.tenancy.admin.control;

import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * What a tenant occupies: rows per tenant-owned entity, cache entries, and its requests per
 * minute over the last minutes on this node (oldest first).
 */
public record Footprint(String tenantId, Map<String, Long> rows, int cacheEntries, long[] requestsPerMinute) {

    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }

    public long recentRequests() {
        long total = 0;
        for (long count : requestsPerMinute) {
            total += count;
        }
        return total;
    }

    public JsonObject toJson() {
        JsonObjectBuilder rowsJson = Json.createObjectBuilder();
        rows.forEach(rowsJson::add);
        JsonArrayBuilder perMinute = Json.createArrayBuilder();
        for (long count : requestsPerMinute) {
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
