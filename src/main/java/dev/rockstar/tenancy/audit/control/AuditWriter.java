package dev.rockstar.tenancy.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import dev.rockstar.tenancy.audit.entity.AuditEntry;

/** Writes one entry in a transaction of its own, apart from the request it describes. */
@ApplicationScoped
class AuditWriter {

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void write(AuditEntry entry) {
        em.persist(entry);
    }
}
