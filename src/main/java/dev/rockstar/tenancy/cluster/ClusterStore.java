package dev.rockstar.tenancy.cluster;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/**
 * The SQL of the two global tables {@code tenancy_change} and {@code tenancy_node}, portable
 * across H2 and PostgreSQL. Reads and heartbeats run in transactions of their own; a change is
 * recorded in the caller's transaction, so it commits (or not) with the change it records.
 */
@ApplicationScoped
class ClusterStore {

    /** One row of the feed. */
    record Row(long id, String kind, String tenantId, String hosts, String nodeId) {
    }

    // EclipseLink refuses native SQL in a unit with multitenant entities, as it cannot add the
    // tenant to it; these two tables are global, so each query here says it knowingly.
    private static final String ALLOW_NATIVE_SQL = "eclipselink.jdbc.allow-native-sql-query";

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    private Query sql(String text) {
        return em.createNativeQuery(text).setHint(ALLOW_NATIVE_SQL, true);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void insert(String kind, String tenantId, String hosts, String nodeId) {
        sql("INSERT INTO tenancy_change (kind, tenant_id, hosts, node_id, changed_at) VALUES (?, ?, ?, ?, ?)")
                .setParameter(1, kind)
                .setParameter(2, tenantId)
                .setParameter(3, hosts)
                .setParameter(4, nodeId)
                .setParameter(5, Timestamp.from(Instant.now()))
                .executeUpdate();
    }

    /** The rows above {@code afterId}, in id order, at most {@code limit}: one range scan of the primary key. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    List<Row> after(long afterId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql(
                "SELECT id, kind, tenant_id, hosts, node_id FROM tenancy_change WHERE id > ? ORDER BY id")
                .setParameter(1, afterId)
                .setMaxResults(limit)
                .getResultList();
        return rows.stream().map(row -> new Row(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                (String) row[3], (String) row[4])).toList();
    }

    /** The highest id of the feed, 0 when it is empty. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    long lastId() {
        Object max = sql("SELECT MAX(id) FROM tenancy_change").getSingleResult();
        return max == null ? 0 : ((Number) max).longValue();
    }

    /** Ids of the feed between the two, both included, for a node that starts in the middle. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    List<Long> idsBetween(long from, long to) {
        @SuppressWarnings("unchecked")
        List<Object> ids = sql("SELECT id FROM tenancy_change WHERE id >= ? AND id <= ?")
                .setParameter(1, from).setParameter(2, to).getResultList();
        return ids.stream().map(id -> ((Number) id).longValue()).toList();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int pruneBefore(Instant before) {
        return sql("DELETE FROM tenancy_change WHERE changed_at < ?")
                .setParameter(1, Timestamp.from(before)).executeUpdate();
    }

    /**
     * Writes this node's heartbeat in the database's own time (no clock of a node counts) and
     * answers how many nodes wrote one within {@code liveSeconds}, this one included.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int heartbeat(String nodeId, long liveSeconds) {
        int updated = sql("UPDATE tenancy_node SET last_seen = CURRENT_TIMESTAMP WHERE id = ?")
                .setParameter(1, nodeId).executeUpdate();
        if (updated == 0) {
            sql("INSERT INTO tenancy_node (id, last_seen) VALUES (?, CURRENT_TIMESTAMP)")
                    .setParameter(1, nodeId).executeUpdate();
        }
        // liveSeconds is a number of ours, not input: spelled into the SQL, as both dialects need a literal here.
        sql("DELETE FROM tenancy_node WHERE last_seen < CURRENT_TIMESTAMP - INTERVAL '"
                + (liveSeconds + 60) + "' SECOND").executeUpdate();
        Object live = sql("SELECT COUNT(*) FROM tenancy_node WHERE last_seen >= CURRENT_TIMESTAMP - INTERVAL '"
                + liveSeconds + "' SECOND").getSingleResult();
        return Math.max(1, ((Number) live).intValue());
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void leave(String nodeId) {
        sql("DELETE FROM tenancy_node WHERE id = ?").setParameter(1, nodeId).executeUpdate();
    }

    static Optional<String> joined(Iterable<String> hosts, int max) {
        String joined = String.join(",", hosts);
        return joined.length() <= max ? Optional.of(joined) : Optional.empty();
    }
}
