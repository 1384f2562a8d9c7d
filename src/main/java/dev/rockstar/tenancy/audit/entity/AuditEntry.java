package dev.rockstar.tenancy.audit.entity;

import dev.rockstar.tenancy.GlobalEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One line of the append-only audit log: nothing in the application changes one; entries past retention are deleted (AuditRetention). */
@Entity
@Table(name = "audit_log")
@GlobalEntity
public class AuditEntry {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "at", nullable = false)
    private OffsetDateTime at;

    @Column(name = "tenant_id", length = 63)
    private String tenantId;

    @Column(name = "event", nullable = false, length = 40)
    private String event;

    @Column(name = "actor", nullable = false, length = 200)
    private String actor;

    @Column(name = "remote_address", nullable = false, length = 100)
    private String remoteAddress;

    /** How many times the event happened in its coalescing window; written once, then raised. */
    @Column(name = "repeat_count", nullable = false)
    private int count = 1;

    @Column(name = "detail", nullable = false, length = 2000)
    private String detail;

    @Column(name = "channel", nullable = false, length = 20)
    private String channel;

    protected AuditEntry() {}

    public AuditEntry(
            String id,
            OffsetDateTime at,
            String tenantId,
            String event,
            String actor,
            String remoteAddress,
            String detail,
            String channel) {
        this.id = id;
        this.at = at;
        this.tenantId = tenantId;
        this.event = event;
        this.actor = actor;
        this.remoteAddress = remoteAddress;
        this.detail = detail;
        this.channel = channel;
    }

    public String getId() {
        return id;
    }

    public OffsetDateTime getAt() {
        return at;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getEvent() {
        return event;
    }

    public String getActor() {
        return actor;
    }

    public String getRemoteAddress() {
        return remoteAddress;
    }

    public String getDetail() {
        return detail;
    }

    public int getCount() {
        return count;
    }

    /** {@code api}, {@code console} or {@code system}: see {@code AuditLog}. */
    public String getChannel() {
        return channel;
    }
}
