package dev.rockstar.tenancy.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.persistence.sessions.Session;

/**
 * The SQL of the two global tables {@code tenancy_change} and {@code tenancy_node}, portable
 * across H2 and PostgreSQL, and on PostgreSQL the transaction ids the feed's readers wait by.
 * Reads and heartbeats run in transactions of their own; a change is recorded in the caller's
 * transaction, so it commits (or not) with the change it records.
 */
@ApplicationScoped
class ClusterStore {

    /** One row of the feed. */
    record Row(long id, String kind, String tenantId, String hosts, String nodeId) {}

    // EclipseLink refuses native SQL in a unit with multitenant entities, as it cannot add the
    // tenant to it; these two tables are global, so each query here says it knowingly.
    private static final String ALLOW_NATIVE_SQL = "eclipselink.jdbc.allow-native-sql-query";

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    private volatile Boolean postgres;

    private Query sql(String text) {
        return em.createNativeQuery(text).setHint(ALLOW_NATIVE_SQL, true);
    }

    /**
     * On PostgreSQL the writer first takes its transaction id, then the row's: a materialized CTE
     * is computed before the row it feeds, whose identity default takes the id (inline, the id
     * would come first). So a reader that misses an id knows its writer held a transaction id
     * already ({@link FeedCursor}). The id is kept as {@code writer_xact}, which pruning reads.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void insert(String kind, String tenantId, String hosts, String nodeId) {
        Query insert = sql(
                postgres()
                        ? "WITH writer AS MATERIALIZED (SELECT CAST(CAST(pg_current_xact_id() AS TEXT) AS BIGINT) AS xact)"
                                + " INSERT INTO tenancy_change (kind, tenant_id, hosts, node_id, changed_at, writer_xact)"
                                + " SELECT ?, ?, ?, ?, ?, writer.xact FROM writer"
                        : "INSERT INTO tenancy_change (kind, tenant_id, hosts, node_id, changed_at) VALUES (?, ?, ?, ?, ?)");
        insert.setParameter(1, kind)
                .setParameter(2, tenantId)
                .setParameter(3, hosts)
                .setParameter(4, nodeId)
                .setParameter(5, Timestamp.from(Instant.now()))
                .executeUpdate();
    }

    /** Whether the database shows its transaction horizon: PostgreSQL does, H2 does not. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    boolean hasTransactionHorizon() {
        return postgres();
    }

    /**
     * A transaction id newer than every one taken before this call: PostgreSQL hands one out for
     * the asking (this transaction's own, which ends right away).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    long newTransactionId() {
        return ((Number) sql("SELECT CAST(CAST(pg_current_xact_id() AS TEXT) AS BIGINT)")
                        .getSingleResult())
                .longValue();
    }

    /** The oldest transaction id still running: every one below it has committed or rolled back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    long horizon() {
        return ((Number) sql("SELECT CAST(CAST(pg_snapshot_xmin(pg_current_snapshot()) AS TEXT) AS BIGINT)")
                        .getSingleResult())
                .longValue();
    }

    private boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            known = em.unwrap(Session.class).getPlatform().isPostgreSQL();
            postgres = known;
        }
        return known;
    }

    /** The rows above {@code afterId}, in id order, at most {@code limit}: one range scan of the primary key. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    List<Row> after(long afterId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                sql("SELECT id, kind, tenant_id, hosts, node_id FROM tenancy_change WHERE id > ? ORDER BY id")
                        .setParameter(1, afterId)
                        .setMaxResults(limit)
                        .getResultList();
        return rows.stream()
                .map(row -> new Row(
                        ((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3], (String)
                                row[4]))
                .toList();
    }

    /** The feed's rows of one kind still kept, in id order: text, tenant and when each was written. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    List<ChangeFeed.Written> ofKind(String kind) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = sql("SELECT tenant_id, hosts, changed_at FROM tenancy_change WHERE kind = ? ORDER BY id")
                .setParameter(1, kind)
                .getResultList();
        return rows.stream()
                .map(row -> new ChangeFeed.Written((String) row[0], (String) row[1], instant(row[2])))
                .toList();
    }

    /** A {@code TIMESTAMP} as the driver hands it over: {@code java.sql.Timestamp}, or a {@code java.time} type. */
    static Instant instant(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.LocalDateTime local) {
            return Timestamp.valueOf(local).toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) value;
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
                .setParameter(1, from)
                .setParameter(2, to)
                .getResultList();
        return ids.stream().map(id -> ((Number) id).longValue()).toList();
    }

    /**
     * Deletes the rows written before {@code before} whose writer's transaction id is below
     * {@code writersBelow} (rows without one, H2's and those from before V12, by time alone).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int pruneBefore(Instant before, long writersBelow) {
        return sql("DELETE FROM tenancy_change WHERE changed_at < ? AND (writer_xact IS NULL OR writer_xact < ?)")
                .setParameter(1, Timestamp.from(before))
                .setParameter(2, writersBelow)
                .executeUpdate();
    }

    /**
     * Writes this node's heartbeat in the database's own time (no clock of a node counts) and
     * answers how many nodes wrote one within {@code liveSeconds}, this one included.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int heartbeat(String nodeId, long liveSeconds, long feedPosition) {
        int updated = sql("UPDATE tenancy_node SET last_seen = CURRENT_TIMESTAMP, feed_position = ? WHERE id = ?")
                .setParameter(1, feedPosition)
                .setParameter(2, nodeId)
                .executeUpdate();
        if (updated == 0) {
            sql("INSERT INTO tenancy_node (id, last_seen, feed_position) VALUES (?, CURRENT_TIMESTAMP, ?)")
                    .setParameter(1, nodeId)
                    .setParameter(2, feedPosition)
                    .executeUpdate();
        }
        // liveSeconds is a number of ours, not input: spelled into the SQL, as both dialects need a literal here.
        sql("DELETE FROM tenancy_node WHERE last_seen < CURRENT_TIMESTAMP - INTERVAL '" + (liveSeconds + 60)
                        + "' SECOND")
                .executeUpdate();
        Object live = sql("SELECT COUNT(*) FROM tenancy_node WHERE last_seen >= CURRENT_TIMESTAMP - INTERVAL '"
                        + liveSeconds + "' SECOND")
                .getSingleResult();
        return Math.max(1, ((Number) live).intValue());
    }

    /**
     * Live nodes (a heartbeat within {@code liveSeconds}) other than {@code self} that have not read
     * the feed up to {@code position}.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    long nodesBehind(long position, long liveSeconds, String self) {
        Object behind = sql("SELECT COUNT(*) FROM tenancy_node WHERE last_seen >= CURRENT_TIMESTAMP - INTERVAL '"
                        + liveSeconds + "' SECOND AND (feed_position IS NULL OR feed_position < ?) AND id <> ?")
                .setParameter(1, position)
                .setParameter(2, self)
                .getSingleResult();
        return ((Number) behind).longValue();
    }

    /** How far this node has read the feed, between heartbeats: a move waiting for it learns it at once. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void readUpTo(String nodeId, long feedPosition) {
        sql("UPDATE tenancy_node SET feed_position = ? WHERE id = ?")
                .setParameter(1, feedPosition)
                .setParameter(2, nodeId)
                .executeUpdate();
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
