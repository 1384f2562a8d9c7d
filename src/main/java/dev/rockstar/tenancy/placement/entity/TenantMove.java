package dev.rockstar.tenancy.placement.entity;

import dev.rockstar.tenancy.GlobalEntity;
import dev.rockstar.tenancy.TenantStatus;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One move of a tenant from one placement to another, and how far it got: the state it recorded
 * last is where any node goes on from when the mover's lease runs out. Global: operators' data,
 * kept after the move ends.
 */
@Entity
@Table(name = "tenancy_move")
@GlobalEntity
@Cacheable(false) // every node changes it
public class TenantMove {

    /** The steps, in order; {@code DONE} and {@code FAILED} end a move. */
    public enum State {
        /** the tenant is read-only; waiting until every node knows it and its writes under way ended */
        FREEZING,
        /** copying its rows into the target and comparing their digests */
        COPYING,
        /** the registry says target; waiting until every node routes its statements there */
        SWITCHING,
        /** back in the status it had, served from the target */
        THAWING,
        /** deleting its rows from the source, once reads that began there have ended */
        CLEANING,
        DONE,
        /** it stayed where it was, whole, in the status it had; {@code detail} says why */
        FAILED;

        public boolean ended() {
            return this == DONE || this == FAILED;
        }
    }

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "tenant_id", nullable = false, length = 63)
    private String tenantId;

    @Column(name = "source", nullable = false, length = 63)
    private String source;

    @Column(name = "target", nullable = false, length = 63)
    private String target;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 20)
    private State state;

    @Enumerated(EnumType.STRING)
    @Column(name = "previous_status", nullable = false, length = 16)
    private TenantStatus previousStatus;

    /** The tenant while the move is under way (a unique key: one move per tenant); null once ended. */
    @Column(name = "active_tenant", length = 63)
    private String activeTenant;

    @Column(name = "lease_owner", length = 64)
    private String leaseOwner;

    @Column(name = "lease_until")
    private OffsetDateTime leaseUntil;

    @Column(name = "rows_copied")
    private Long rowsCopied;

    @Column(name = "detail", length = 2000)
    private String detail;

    @Column(name = "actor", nullable = false, length = 200)
    private String actor;

    @Column(name = "started_at", nullable = false)
    private OffsetDateTime startedAt;

    @Column(name = "frozen_at")
    private OffsetDateTime frozenAt;

    @Column(name = "thawed_at")
    private OffsetDateTime thawedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    protected TenantMove() {}

    public TenantMove(
            String id,
            String tenantId,
            String source,
            String target,
            TenantStatus previousStatus,
            String actor,
            OffsetDateTime startedAt) {
        this.id = id;
        this.tenantId = tenantId;
        this.source = source;
        this.target = target;
        this.previousStatus = previousStatus;
        this.actor = actor;
        this.startedAt = startedAt;
        this.frozenAt = startedAt;
        this.state = State.FREEZING;
        this.activeTenant = tenantId;
    }

    public String getId() {
        return id;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getSource() {
        return source;
    }

    public String getTarget() {
        return target;
    }

    public State getState() {
        return state;
    }

    public void setState(State state) {
        this.state = state;
        if (state.ended()) {
            activeTenant = null;
            leaseOwner = null;
            leaseUntil = null;
        }
    }

    public TenantStatus getPreviousStatus() {
        return previousStatus;
    }

    public String getLeaseOwner() {
        return leaseOwner;
    }

    public OffsetDateTime getLeaseUntil() {
        return leaseUntil;
    }

    public Long getRowsCopied() {
        return rowsCopied;
    }

    public void setRowsCopied(Long rowsCopied) {
        this.rowsCopied = rowsCopied;
    }

    public String getDetail() {
        return detail;
    }

    public void setDetail(String detail) {
        this.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 1997) + "...";
    }

    public String getActor() {
        return actor;
    }

    public OffsetDateTime getStartedAt() {
        return startedAt;
    }

    public OffsetDateTime getFrozenAt() {
        return frozenAt;
    }

    public OffsetDateTime getThawedAt() {
        return thawedAt;
    }

    public void setThawedAt(OffsetDateTime thawedAt) {
        this.thawedAt = thawedAt;
    }

    public OffsetDateTime getFinishedAt() {
        return finishedAt;
    }

    public void setFinishedAt(OffsetDateTime finishedAt) {
        this.finishedAt = finishedAt;
    }
}
