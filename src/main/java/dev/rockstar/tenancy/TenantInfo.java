package dev.rockstar.tenancy;

import java.time.Instant;
import java.util.List;

/**
 * An immutable picture of a tenant, as resolution, the admin API and application code see it.
 * Safe to share between threads and to keep in memory.
 * <pre>
 * TenantInfo tenant = context.require();
 * tenant.id();       // "acme"
 * tenant.hosts();    // ["acme.example.com", "www.acme.example.com"], sorted
 * tenant.config();   // its own settings; the effective ones come from TenantConfiguration
 * tenant.placement(); // "shared", or the schema placement its rows live in
 * </pre>
 */
public record TenantInfo(
        String id,
        String name,
        TenantStatus status,
        List<String> hosts,
        TenantConfig config,
        Instant createdAt,
        String placement) {

    /** The placement of a tenant in the tenant-owned tables of the main schema. */
    public static final String SHARED = "shared";

    public TenantInfo {
        hosts = hosts.stream().sorted().toList();
        placement = placement == null ? SHARED : placement;
    }

    /** A tenant in the {@value #SHARED} placement. */
    public TenantInfo(
            String id, String name, TenantStatus status, List<String> hosts, TenantConfig config, Instant createdAt) {
        this(id, name, status, hosts, config, createdAt, SHARED);
    }

    /** Whether the tenant is served: {@code ACTIVE} or {@code READ_ONLY}, not {@code SUSPENDED}. */
    public boolean active() {
        return status != TenantStatus.SUSPENDED;
    }

    /** Whether the tenant's stored data may change: {@code ACTIVE} only. */
    public boolean writable() {
        return status == TenantStatus.ACTIVE;
    }
}
