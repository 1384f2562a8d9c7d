package dev.rockstar.tenancy;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.util.List;

/**
 * An immutable picture of a tenant, as resolution, the admin API and application code see it
 * (the seed's {@code GetTenantInfo}). Safe to share between threads and to keep in memory.
 * <pre>
 * TenantInfo tenant = context.require();
 * tenant.id();       // "acme"
 * tenant.hosts();    // ["acme.example.com", "www.acme.example.com"], sorted
 * tenant.config();   // its own settings; the effective ones come from TenantConfiguration
 * </pre>
 */
public record TenantInfo(
        String id, String name, TenantStatus status, List<String> hosts, TenantConfig config, Instant createdAt) {

    // Json.createXxx() looks JsonProvider up through ServiceLoader, a class-path scan, on every
    // call: 59 % of the CPU of GET /api/tenant/info (docs/BENCHMARKS.md). Once per class is enough.
    private static final JsonProvider JSON = JsonProvider.provider();

    public TenantInfo {
        hosts = hosts.stream().sorted().toList();
    }

    public boolean active() {
        return status == TenantStatus.ACTIVE;
    }

    /** The contract's tenant representation. */
    public JsonObject toJson() {
        return JSON.createObjectBuilder()
                .add("id", id)
                .add("name", name)
                .add("status", status.name())
                .add("hosts", JSON.createArrayBuilder(hosts))
                .add("config", config.toJson())
                .add("createdAt", createdAt.toString())
                .build();
    }
}
