package dev.rockstar.tenancy.tenant.control;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.tenant.entity.Tenant;

/** The registry's persistence: the global {@code tenant} and {@code tenant_host} tables. */
@ApplicationScoped
class TenantStore {

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    /** The tenant as everyone outside the registry sees it. */
    static TenantInfo info(Tenant tenant) {
        return new TenantInfo(tenant.getId(), tenant.getName(), tenant.getStatus(), List.copyOf(tenant.getHosts()),
                TenantConfigParser.parse(tenant.getConfig()), tenant.getCreatedAt().toInstant());
    }

    Optional<Tenant> find(String id) {
        return Optional.ofNullable(em.find(Tenant.class, id));
    }

    /**
     * Reads the committed state in a transaction of its own: the directory calls this after the
     * transaction that changed the tenant has completed.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<TenantInfo> load(String id) {
        return find(id).map(TenantStore::info);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    List<TenantInfo> loadAll() {
        return em.createQuery("select t from Tenant t order by t.id", Tenant.class)
                .getResultList().stream().map(TenantStore::info).toList();
    }

    List<TenantInfo> page(int offset, int limit) {
        return em.createQuery("select t from Tenant t order by t.id", Tenant.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList().stream().map(TenantStore::info).toList();
    }

    long count() {
        return em.createQuery("select count(t) from Tenant t", Long.class).getSingleResult();
    }

    /** The id of the tenant that owns a normalised host, from the database. */
    Optional<String> ownerOf(String host) {
        return em.createQuery("select t.id from Tenant t join t.hosts h where h = :host", String.class)
                .setParameter("host", host)
                .getResultList().stream().findFirst();
    }

    void insert(Tenant tenant) {
        em.persist(tenant);
        em.flush();
    }

    void flush() {
        em.flush();
    }

    void delete(Tenant tenant) {
        em.remove(tenant);
        em.flush();
    }
}
