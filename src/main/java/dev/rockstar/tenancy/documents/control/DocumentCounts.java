package dev.rockstar.tenancy.documents.control;

import dev.rockstar.tenancy.documents.entity.DocumentCount;
import dev.rockstar.tenancy.persistence.CrossTenantAccess;
import dev.rockstar.tenancy.persistence.TenantRowLock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each tenant's number of documents ({@link DocumentCount}), changed in the transaction that
 * creates or deletes a document, so the figure is as committed as the documents are. Concurrent
 * writers of one tenant queue on its one row; other tenants never wait. Code that deletes
 * documents past {@link Documents} (bulk JPQL) leaves the figure off until the next
 * {@link DocumentCountJob} run sets it right again.
 */
@ApplicationScoped
public class DocumentCounts {

    private static final String ADD =
            "update DocumentCount c set c.documents = c.documents + :delta where c.tenantId = :tenant";

    @PersistenceContext(unitName = "tenancy")
    EntityManager global;

    @Inject
    CrossTenantAccess crossTenant;

    /**
     * Every tenant that has or had documents, with its count: one row per tenant, whatever their
     * documents; a tenant in a database placement has its row there.
     */
    public Map<String, Long> perTenant() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Object[] row : global.createQuery(
                        "select c.tenantId, c.documents from DocumentCount c where c.documents > 0", Object[].class)
                .getResultList()) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        crossTenant.documentCountsInDatabasePlacements().forEach(counts::putIfAbsent);
        return counts;
    }

    /**
     * Sets the tenant's count to its true count, in the caller's transaction: for code that wrote
     * the tenant's documents past {@link Documents}, such as a restore from an archive.
     */
    public void recount(String tenantId) {
        crossTenant.asTenant(tenantId, em -> {
            recount(
                    em,
                    tenantId,
                    () -> em.createQuery("select count(d) from Document d", Long.class)
                            .getSingleResult());
            return null;
        });
    }

    /**
     * Adds {@code delta} to the tenant's count, in the tenant's transaction ({@code em} is the
     * tenant's), before the document is written: {@code truth} is the count with the change.
     */
    void add(EntityManager em, String tenantId, long delta, Counting truth) {
        if (update(em, ADD, tenantId, delta) == 0) {
            firstRow(em, tenantId, truth);
        }
    }

    /**
     * Sets the tenant's count to what it truly is. The row is locked before counting: a creation
     * that commits meanwhile then adds its one after this, not before it (which would be lost).
     */
    void recount(EntityManager em, String tenantId, Counting truth) {
        if (update(em, ADD, tenantId, 0) == 0) {
            firstRow(em, tenantId, truth);
            return;
        }
        em.createQuery("update DocumentCount c set c.documents = :count where c.tenantId = :tenant")
                .setParameter("count", truth.count())
                .setParameter("tenant", tenantId)
                .executeUpdate();
    }

    /**
     * The tenant's first count: counted, with its registry row held so two first documents take
     * turns. Not {@code FOR UPDATE}: writers already hold that row for writing (and their
     * documents' foreign keys share-lock it), so two of them each asking for {@code FOR UPDATE}
     * would wait for each other ({@link TenantRowLock#holdExclusively}).
     */
    private static void firstRow(EntityManager em, String tenantId, Counting truth) {
        TenantRowLock.holdExclusively(em, tenantId);
        if (update(em, ADD, tenantId, 0) == 0) {
            em.flush();
            em.persist(new DocumentCount(tenantId, truth.count()));
            em.flush();
        } else {
            em.createQuery("update DocumentCount c set c.documents = :count where c.tenantId = :tenant")
                    .setParameter("count", truth.count())
                    .setParameter("tenant", tenantId)
                    .executeUpdate();
        }
    }

    private static int update(EntityManager em, String jpql, String tenantId, long delta) {
        return em.createQuery(jpql)
                .setParameter("delta", delta)
                .setParameter("tenant", tenantId)
                .executeUpdate();
    }

    /** The tenant's true count, from its documents. */
    @FunctionalInterface
    interface Counting {
        long count();
    }
}
