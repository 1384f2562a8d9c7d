package dev.rockstar.tenancy.tenant.control;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.tenant.entity.Tenant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The registry's persistence: the global {@code tenant} and {@code tenant_host} tables. */
@ApplicationScoped
class TenantStore {

    // IN lists and flushes of a bulk registration: well below every database's parameter limit.
    static final int CHUNK = 500;

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    /** The tenant as everyone outside the registry sees it. */
    static TenantInfo info(Tenant tenant) {
        return new TenantInfo(
                tenant.getId(),
                tenant.getName(),
                tenant.getStatus(),
                List.copyOf(tenant.getHosts()),
                TenantConfigParser.parse(tenant.getConfig()),
                tenant.getCreatedAt().toInstant(),
                tenant.getPlacement());
    }

    Optional<Tenant> find(String id) {
        return Optional.ofNullable(em.find(Tenant.class, id));
    }

    /**
     * The tenant, its row locked until the transaction ends ({@code SELECT ... FOR UPDATE}): waits
     * for the writes of the tenant's rows that hold it ({@code TenantRowLock}), and keeps new ones
     * waiting. Empty when a deletion that committed meanwhile removed it.
     */
    Optional<Tenant> findForDeletion(String id) {
        return Optional.ofNullable(em.find(Tenant.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * Reads the committed state in a transaction of its own: the directory calls this after the
     * transaction that changed the tenant has completed.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<TenantInfo> load(String id) {
        return find(id).map(TenantStore::info);
    }

    /** The committed owner of a normalised host, as {@link #load(String)} reads it. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<TenantInfo> loadByHost(String host) {
        return em
                .createQuery("select t from Tenant t join t.hosts h where h = :host", Tenant.class)
                .setParameter("host", host)
                .getResultList()
                .stream()
                .findFirst()
                .map(TenantStore::info);
    }

    /**
     * A page of the tenants that match, in the database: their ids first (the match may join
     * hosts), then those tenants with their hosts in one more query.
     */
    @Transactional // also off a request (a job paging through every tenant): Payara's EntityManager
    // outside a transaction is closed after the first call on a thread of its executor
    List<TenantInfo> page(TenantRegistry.Search search, int offset, int limit) {
        List<String> ids = matching(search, "select t.id", " order by t.id", String.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return em
                .createQuery("select t from Tenant t where t.id in :ids order by t.id", Tenant.class)
                .setParameter("ids", ids)
                .setHint("eclipselink.batch", "t.hosts")
                .setHint("eclipselink.batch.type", "IN")
                .getResultList()
                .stream()
                .map(TenantStore::info)
                .toList();
    }

    /**
     * The tenants of these ids that exist, read a chunk of ids per query rather than a query per
     * tenant (the console's dashboard asks about thousands at once).
     */
    @Transactional
    List<TenantInfo> loadAll(Collection<String> ids) {
        List<TenantInfo> found = new ArrayList<>();
        for (List<String> chunk : chunks(ids)) {
            em.createQuery("select t from Tenant t where t.id in :ids", Tenant.class)
                    .setParameter("ids", chunk)
                    .setHint("eclipselink.batch", "t.hosts")
                    .setHint("eclipselink.batch.type", "IN")
                    .getResultList()
                    .forEach(tenant -> found.add(info(tenant)));
        }
        return found;
    }

    long count(TenantRegistry.Search search) {
        return matching(search, "select count(t)", "", Long.class).getSingleResult();
    }

    private <T> TypedQuery<T> matching(TenantRegistry.Search search, String select, String order, Class<T> type) {
        StringBuilder jpql = new StringBuilder(select).append(" from Tenant t where 1 = 1");
        String pattern =
                search.text() == null ? null : "%" + likeEscaped(search.text().toLowerCase(Locale.ROOT)) + "%";
        if (pattern != null) {
            jpql.append(" and (t.id like :text escape '!' or lower(t.name) like :text escape '!'"
                    + " or exists (select h from Tenant o join o.hosts h where o = t and h like :text escape '!'))");
        }
        if (search.status() != null) {
            jpql.append(" and t.status = :status");
        }
        TypedQuery<T> query = em.createQuery(jpql.append(order).toString(), type);
        if (pattern != null) {
            query.setParameter("text", pattern);
        }
        if (search.status() != null) {
            query.setParameter("status", search.status());
        }
        return query;
    }

    /** The text as it is, its LIKE wildcards escaped (with '!', which needs no escaping in any SQL dialect). */
    static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    /** The id of the tenant that owns a normalised host, from the database. */
    Optional<String> ownerOf(String host) {
        return em
                .createQuery("select t.id from Tenant t join t.hosts h where h = :host", String.class)
                .setParameter("host", host)
                .getResultList()
                .stream()
                .findFirst();
    }

    /** The ids among {@code ids} that a registered tenant has, in chunks of a bounded IN list. */
    List<String> existingIds(Collection<String> ids) {
        List<String> existing = new ArrayList<>();
        for (List<String> chunk : chunks(ids)) {
            existing.addAll(em.createQuery("select t.id from Tenant t where t.id in :ids", String.class)
                    .setParameter("ids", chunk)
                    .getResultList());
        }
        return existing;
    }

    /** The owner of each of {@code hosts} (normalised) that a registered tenant owns. */
    Map<String, String> ownersOf(Collection<String> hosts) {
        Map<String, String> owners = new HashMap<>();
        for (List<String> chunk : chunks(hosts)) {
            em.createQuery("select h, t.id from Tenant t join t.hosts h where h in :hosts", Object[].class)
                    .setParameter("hosts", chunk)
                    .getResultList()
                    .forEach(row -> owners.put((String) row[0], (String) row[1]));
        }
        return owners;
    }

    /**
     * Inserts a batch, flushing and detaching every {@value #CHUNK} tenants so that the
     * persistence context of a large batch neither grows without end nor slows each flush.
     */
    void insertAll(List<Tenant> tenants) {
        for (int i = 0; i < tenants.size(); i++) {
            em.persist(tenants.get(i));
            if ((i + 1) % CHUNK == 0) {
                em.flush();
                em.clear();
            }
        }
        em.flush();
    }

    private static List<List<String>> chunks(Collection<String> values) {
        List<String> all = List.copyOf(values);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return chunks;
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
