package dev.rockstar.tenancy.audit.control;

import dev.rockstar.tenancy.audit.entity.AuditEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Writes one entry, or a count, in a transaction of its own, apart from the request it
 * describes; and deletes what is past retention ({@link AuditRetention}), nothing else.
 */
@ApplicationScoped
class AuditWriter {

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void write(AuditEntry entry) {
        em.persist(entry);
    }

    /** Raises an entry's count to what its window has seen so far; counts only grow. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void count(String id, long count) {
        em.createQuery("update AuditEntry a set a.count = :count where a.id = :id and a.count < :count")
                .setParameter("count", (int) Math.min(count, Integer.MAX_VALUE))
                .setParameter("id", id)
                .executeUpdate();
    }

    /**
     * Deletes at most {@code limit} of the oldest entries from before {@code cutoff}. The limit is
     * a number of ours, not input: spelled into the SQL, as both dialects accept it there.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int pruneBefore(Instant cutoff, int limit) {
        return em.createNativeQuery("DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < ?"
                        + " ORDER BY at FETCH FIRST " + limit + " ROWS ONLY)")
                .setParameter(1, Timestamp.from(cutoff))
                .executeUpdate();
    }
}
