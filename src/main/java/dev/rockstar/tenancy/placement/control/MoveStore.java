package dev.rockstar.tenancy.placement.control;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.persistence.IntegrityViolations;
import dev.rockstar.tenancy.placement.entity.TenantMove;
import dev.rockstar.tenancy.problems.ConflictException;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The moves' records, each change a transaction of its own, and their leases in the database's
 * own time (no node's clock counts): a node writes a move's state only while it holds the lease.
 */
@ApplicationScoped
class MoveStore {

    // EclipseLink refuses native SQL in a unit with multitenant entities unless told; this table is global.
    private static final String ALLOW_NATIVE_SQL = "eclipselink.jdbc.allow-native-sql-query";

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Inject
    TenantRegistry registry;

    /**
     * Freezes the tenant and records the move, leased to {@code node}, in one transaction: either
     * both or neither.
     */
    @Transactional
    TenantMove begin(String tenantId, String target, String actor, String node, long leaseSeconds) {
        String id = UUID.randomUUID().toString();
        TenantInfo before = registry.beginMove(tenantId, id, target);
        TenantMove move = new TenantMove(
                id,
                tenantId,
                before.placement(),
                target,
                before.status(),
                actor,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS));
        em.persist(move);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (IntegrityViolations.isCause(e)) {
                // another move of the tenant is still recorded as under way (one unique key)
                throw new ConflictException("placement", "A move of tenant '" + tenantId + "' is still under way");
            }
            throw e;
        }
        lease(id, node, leaseSeconds, false);
        return move;
    }

    @Transactional
    Optional<TenantMove> find(String id) {
        return Optional.ofNullable(em.find(TenantMove.class, id));
    }

    /** The tenant's moves, the latest first. */
    @Transactional
    List<TenantMove> ofTenant(String tenantId, int limit) {
        return em.createQuery(
                        "select m from TenantMove m where m.tenantId = :tenant order by m.startedAt desc",
                        TenantMove.class)
                .setParameter("tenant", tenantId)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Takes the lease of a move under way whose lease ran out (or is this node's already). */
    @Transactional
    boolean claim(String id, String node, long leaseSeconds) {
        return lease(id, node, leaseSeconds, true);
    }

    /** Holds this node's lease for another {@code leaseSeconds}; false when it is no longer this node's. */
    @Transactional
    boolean renew(String id, String node, long leaseSeconds) {
        return sql("UPDATE tenancy_move SET lease_until = CURRENT_TIMESTAMP + INTERVAL '" + leaseSeconds
                                + "' SECOND WHERE id = ? AND lease_owner = ? AND active_tenant IS NOT NULL")
                        .setParameter(1, id)
                        .setParameter(2, node)
                        .executeUpdate()
                == 1;
    }

    /** Lets another node (or this one, later) take the move over at once. */
    @Transactional
    void release(String id, String node) {
        sql("UPDATE tenancy_move SET lease_until = CURRENT_TIMESTAMP - INTERVAL '1' SECOND"
                        + " WHERE id = ? AND lease_owner = ?")
                .setParameter(1, id)
                .setParameter(2, node)
                .executeUpdate();
    }

    /** Moves under way whose lease ran out: their mover died or gave up for now. */
    @Transactional
    List<String> orphaned() {
        @SuppressWarnings("unchecked")
        List<Object> ids = sql("SELECT id FROM tenancy_move WHERE active_tenant IS NOT NULL"
                        + " AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP)")
                .getResultList();
        return ids.stream().map(Object::toString).toList();
    }

    /**
     * Records a step, if this node still holds the lease and the move is still in the state it
     * expects.
     *
     * @return false when another node took the move over (or it moved on): stop here
     */
    @Transactional
    boolean advance(String id, String node, TenantMove.State from, Consumer<TenantMove> change) {
        TenantMove move = em.find(TenantMove.class, id);
        if (move == null || move.getState() != from || !node.equals(move.getLeaseOwner())) {
            return false;
        }
        change.accept(move);
        em.flush();
        return true;
    }

    private boolean lease(String id, String node, long leaseSeconds, boolean onlyIfFree) {
        String free =
                onlyIfFree ? " AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP OR lease_owner = ?)" : "";
        Query update = sql("UPDATE tenancy_move SET lease_owner = ?, lease_until = CURRENT_TIMESTAMP + INTERVAL '"
                        + leaseSeconds + "' SECOND WHERE id = ? AND active_tenant IS NOT NULL" + free)
                .setParameter(1, node)
                .setParameter(2, id);
        if (onlyIfFree) {
            update.setParameter(3, node);
        }
        return update.executeUpdate() == 1;
    }

    private Query sql(String text) {
        return em.createNativeQuery(text).setHint(ALLOW_NATIVE_SQL, true);
    }
}
