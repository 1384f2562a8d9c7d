package dev.rockstar.tenancy.tenant.entity;

import dev.rockstar.tenancy.GlobalEntity;
import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantStatus;
import jakarta.persistence.Cacheable;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;

/**
 * A registered tenant and the hosts it owns. A global table: tenants are not tenant-owned.
 * Read through {@link TenantInfo} everywhere outside the registry.
 */
@Entity
@Table(name = "tenant")
@Cacheable(false) // another node may change a tenant; the registry keeps its own in-memory index
@GlobalEntity
public class Tenant {

    @Id
    @Column(name = "id", length = 63)
    private String id;

    @Column(name = "name", nullable = false, length = 200)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private TenantStatus status;

    /** The tenant's {@link TenantConfig} as JSON: its keys are open-ended by design. */
    @Column(name = "config", nullable = false, length = 16000)
    private String config;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    /** Where the tenant's rows live: {@code shared} or a placement declared at deployment. */
    @Column(name = "placement", nullable = false, length = 63)
    private String placement = "shared";

    /** The move under way, if any: while set, the move owns the status and the placement. */
    @Column(name = "move_id", length = 36)
    private String moveId;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    // The host column is the table's primary key: no two tenants can ever own one host.
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "tenant_host", joinColumns = @JoinColumn(name = "tenant_id"))
    @Column(name = "host", length = 253)
    private Set<String> hosts = new HashSet<>();

    protected Tenant() {}

    public Tenant(String id, String name, TenantStatus status, String config, OffsetDateTime createdAt) {
        this.id = id;
        this.name = name;
        this.status = status;
        this.config = config;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public TenantStatus getStatus() {
        return status;
    }

    public void setStatus(TenantStatus status) {
        this.status = status;
    }

    public String getConfig() {
        return config;
    }

    public void setConfig(String config) {
        this.config = config;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public String getPlacement() {
        return placement;
    }

    public void setPlacement(String placement) {
        this.placement = placement;
    }

    public String getMoveId() {
        return moveId;
    }

    public void setMoveId(String moveId) {
        this.moveId = moveId;
    }

    public Set<String> getHosts() {
        return hosts;
    }
}
