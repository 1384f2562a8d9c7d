package dev.rockstar.tenancy.querylog;

import dev.rockstar.tenancy.TenantEvent;
import dev.rockstar.tenancy.cluster.ChangeFeed;
import dev.rockstar.tenancy.cluster.ClusterChange;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The tenants whose SQL is watched on this node, each for a while, and their last statements.
 * Turned on or off here, it reaches every other node through the change feed; each statement of
 * a watched tenant goes to the server log as a line naming the tenant and to the tenant's last
 * {@code tenancy.query-log.max-statements} in memory. A watch ends by itself: the first look at
 * it after its time forgets it and its statements. Independently, any tenant's statement slower
 * than {@code tenancy.query-log.slow-millis} is logged (values redacted unless the tenant's log
 * shows them).
 * <pre>
 * queryLog.turn("acme", new QueryLogSetting(Duration.ofMinutes(15), false));
 * queryLog.watching("acme").map(QueryLog.Watch::statements);
 * </pre>
 */
@ApplicationScoped
public class QueryLog {

    private static final Logger LOG = Logger.getLogger(QueryLog.class.getName());
    // Past these a statement's text says how much it left out; the log keeps the beginning.
    static final int MAX_SQL = 4000;

    @Inject
    @ConfigProperty(name = "tenancy.query-log.max-statements", defaultValue = "100")
    int maxStatements;

    @Inject
    @ConfigProperty(name = "tenancy.query-log.slow-millis", defaultValue = "1000")
    long slowMillis;

    /** {@link #slowMillis} as every statement's duration is compared with it: worked out once. */
    private long slowNanos;

    @Inject
    ChangeFeed feed;

    @PostConstruct
    void read() {
        slowNanos = slowMillis > 0 ? Duration.ofMillis(slowMillis).toNanos() : 0;
    }

    /** A watch as an operator reads it: until when, and its last statements, oldest first. */
    public record Watch(Instant until, boolean values, List<LoggedStatement> statements) {}

    private static final class Watched {
        final QueryLogSetting setting;
        final Instant until;
        final long untilNanos;
        final ArrayDeque<LoggedStatement> last = new ArrayDeque<>();

        Watched(QueryLogSetting setting) {
            this.setting = setting;
            this.until = Instant.now().plus(setting.length());
            this.untilNanos = System.nanoTime() + setting.length().toNanos();
        }
    }

    private final Map<String, Watched> watched = new ConcurrentHashMap<>();

    /**
     * Turns a tenant's log on (again, from now) or off, here and, through the feed, on every node.
     *
     * @return the watch as it starts here, empty when turned off
     */
    public Optional<Watch> turn(String tenantId, QueryLogSetting setting) {
        // The feed first: a setting the other nodes cannot learn is not made here either.
        feed.queryLogChanged(tenantId, setting.text());
        return Optional.ofNullable(apply(tenantId, setting, "this node"))
                .map(watch -> new Watch(watch.until, setting.values(), List.of()));
    }

    /** The tenant's watch on this node, empty when its log is off (or just ended). */
    public Optional<Watch> watching(String tenantId) {
        Watched watch = active(tenantId);
        if (watch == null) {
            return Optional.empty();
        }
        synchronized (watch) {
            return Optional.of(new Watch(watch.until, watch.setting.values(), List.copyOf(watch.last)));
        }
    }

    /**
     * A node that starts while another's watch runs watches too, for the rest of it (counted
     * from when the feed row was written, by the writer's clock: nodes keep time with NTP).
     */
    void onStart(@Observes Startup startup) {
        try {
            Instant now = Instant.now();
            for (ChangeFeed.Written written : feed.lastQueryLogSettings()) {
                QueryLogSetting.parse(written.setting())
                        .filter(QueryLogSetting::on)
                        .ifPresent(setting -> {
                            Duration left = Duration.between(now, written.at().plus(setting.length()));
                            if (!left.isNegative() && !left.isZero()) {
                                apply(
                                        written.tenantId(),
                                        new QueryLogSetting(left, setting.values()),
                                        "another node before this one started");
                            }
                        });
            }
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Could not read the query logs other nodes turned on; this node logs from the next change on",
                    e);
        }
    }

    void onElsewhere(@Observes ClusterChange change) {
        if (change.kind() == ClusterChange.Kind.QUERY_LOG) {
            QueryLogSetting.parse(change.setting())
                    .ifPresentOrElse(
                            setting -> apply(change.tenantId(), setting, "another node"),
                            () -> LOG.warning(
                                    "Ignoring a query log setting this node does not understand: " + change.setting()));
        } else if (change.kind() == ClusterChange.Kind.DELETED) {
            forget(change.tenantId());
        }
    }

    void onDeleted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TenantEvent event) {
        if (event.kind() == TenantEvent.Kind.DELETED) {
            forget(event.tenantId());
        }
    }

    /** Whether a statement of this duration must be looked at at all: the hot path asks this first. */
    boolean wanted(String tenantId, long nanos) {
        return !watched.isEmpty() && watched.containsKey(tenantId) || isSlow(nanos);
    }

    /**
     * A statement of the tenant ran: logged and kept if the tenant is watched, logged if slow.
     *
     * @param values the bind values as text, asked for only when the watch shows them
     */
    void executed(String tenantId, String sql, Supplier<String> values, long nanos, long rows) {
        Watched watch = active(tenantId);
        boolean slow = isSlow(nanos);
        if (watch == null && !slow) {
            return;
        }
        String shownValues = watch != null && watch.setting.values() ? values.get() : null;
        String text = sql.length() > MAX_SQL ? sql.substring(0, MAX_SQL) + "... (" + sql.length() + " chars)" : sql;
        LoggedStatement statement = new LoggedStatement(Instant.now(), text, shownValues, nanos, rows);
        if (watch != null) {
            synchronized (watch) {
                if (watch.last.size() >= Math.max(1, maxStatements)) {
                    watch.last.removeFirst();
                }
                watch.last.addLast(statement);
            }
        }
        if (slow) {
            LOG.warning(() ->
                    line(tenantId, "slow SQL (over tenancy.query-log.slow-millis=" + slowMillis + ")", statement));
        } else {
            LOG.info(() -> line(tenantId, "SQL", statement));
        }
    }

    /** One server-log line: the tenant first, so that a search for {@code tenant=acme} finds it. */
    static String line(String tenantId, String what, LoggedStatement statement) {
        return "tenant=" + tenantId + " " + what + " "
                + String.format(java.util.Locale.ROOT, "%.3f", statement.millis())
                + " ms, " + statement.rows() + (statement.rows() == 1 ? " row: " : " rows: ") + statement.sql()
                + (statement.values() == null || statement.values().isEmpty()
                        ? ""
                        : " bind => [" + statement.values() + "]");
    }

    private boolean isSlow(long nanos) {
        return slowNanos > 0 && nanos >= slowNanos;
    }

    private Watched active(String tenantId) {
        Watched watch = watched.get(tenantId);
        if (watch != null && System.nanoTime() - watch.untilNanos >= 0) {
            if (watched.remove(tenantId, watch)) {
                LOG.info(() -> "tenant=" + tenantId + " query log ended: it was on until " + watch.until);
            }
            return null;
        }
        return watch;
    }

    private Watched apply(String tenantId, QueryLogSetting setting, String where) {
        if (!setting.on()) {
            if (watched.remove(tenantId) != null) {
                LOG.info(() -> "tenant=" + tenantId + " query log turned off on " + where);
            }
            return null;
        }
        Watched watch = new Watched(setting);
        watched.put(tenantId, watch);
        LOG.log(
                Level.INFO,
                () -> "tenant=" + tenantId + " query log on until " + watch.until + " (turned on on " + where
                        + "), bind values " + (setting.values() ? "shown" : "redacted"));
        return watch;
    }

    private void forget(String tenantId) {
        watched.remove(tenantId);
    }
}
