package dev.rockstar.tenancy.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import dev.rockstar.tenancy.audit.entity.AuditEntry;

/** Writes one entry, or a count, in a transaction of its own, apart from the request it describes. */
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
}
