package dev.rockstar.tenancy.tenant.entity;

import java.time.Instant;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * An immutable picture of a tenant, as resolution, the admin API and application code see it
 * (the seed's {@code GetTenantInfo}). Safe to share between threads and to keep in memory.
 */
public record TenantInfo(String id, String name, TenantStatus status, List<String> hosts,
                         TenantConfig config, Instant createdAt) {

    public TenantInfo {
        hosts = hosts.stream().sorted().toList();
    }

    public static TenantInfo of(Tenant tenant) {
        return new TenantInfo(tenant.getId(), tenant.getName(), tenant.getStatus(),
                List.copyOf(tenant.getHosts()), TenantConfig.fromJson(tenant.getConfig()),
                tenant.getCreatedAt().toInstant());
    }

    public boolean active() {
        return status == TenantStatus.ACTIVE;
    }

    /** The contract's tenant representation. */
    public JsonObject toJson() {
        return Json.createObjectBuilder()
                .add("id", id)
                .add("name", name)
                .add("status", status.name())
                .add("hosts", Json.createArrayBuilder(hosts))
                .add("config", config.toJson())
                .add("createdAt", createdAt.toString())
                .build();
    }
}
