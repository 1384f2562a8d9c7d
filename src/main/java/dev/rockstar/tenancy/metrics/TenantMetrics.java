package dev.rockstar.tenancy.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's only door to metrics. Records per-tenant request counts and timings in a
 * registry of the application's own, which the WAR serves at {@code /metrics} on every server
 * ({@link MetricsEndpoint}), every duration in seconds:
 * <pre>
 * tenancy_requests_total{mp_scope="application",tenant="acme"}                 requests of the tenant
 * tenancy_request_duration_seconds_bucket{mp_scope="application",tenant="acme",le="0.1"} and their
 *   timings as a histogram (_bucket per le, _count, _sum; _max and _mean gauges: {@link DurationSeries})
 * tenancy_sql_seconds_total{mp_scope="application",tenant="acme"}             time of the tenant's SQL
 * tenancy_sql_rows_read_total{mp_scope="application",tenant="acme"}           rows its queries read
 * tenancy_audit_dropped_total{mp_scope="application"}                          audit entries dropped
 * tenancy_operator_login_failures_total{mp_scope="application"}               wrong operator passwords
 * </pre>
 * Not the server's MicroProfile Metrics: Payara 6 writes a timer's quantiles, max and mean in
 * nanoseconds under the {@code _seconds} name, and Payara 6 and 7 alike, given buckets
 * ({@code mp.metrics.distribution.timer.buckets}), count each bucket over the timer's sample
 * reservoir (at most 1,028 requests) while {@code +Inf} counts every request: 1,500 requests all
 * under a second read {@code le="1.0"} 1028, {@code le="+Inf"} 1500. Such buckets are no
 * counters: Prometheus can neither take their rate nor add them up across nodes. At most
 * {@code tenancy.metrics.max-tenants} tenants get series of their own; the others are counted
 * under {@code tenant="_other"} ({@link SeriesBudget}).
 */
@ApplicationScoped
public class TenantMetrics {

    static final String REQUESTS = "tenancy.requests";
    static final String DURATION = "tenancy.request.duration";
    static final String AUDIT_DROPPED = "tenancy.audit.dropped";
    static final String SQL_SECONDS = "tenancy.sql.seconds";
    static final String SQL_ROWS_READ = "tenancy.sql.rows.read";
    static final String OPERATOR_LOGIN_FAILURES = "tenancy.operator.login.failures";
    static final String TENANT_TAG = "tenant";
    private static final Logger LOG = Logger.getLogger(TenantMetrics.class.getName());

    /** Where the numbers go. */
    interface Recorder {
        void record(String series, Duration duration);

        /** Time a tenant's statements took in the database, and the rows its queries read. */
        void sql(String series, long nanos, long rowsRead);

        /** Drops a tenant's series, whose place in the budget went to another tenant. */
        void forget(String series);

        /** One more audit entry dropped because the audit writer could not keep up. */
        void auditDropped();

        /** One more wrong operator password, at any door: what an operator alerts on. */
        void operatorLoginFailed();
    }

    @Inject
    @ConfigProperty(name = "tenancy.metrics.max-tenants", defaultValue = "1000")
    int maxTenants;

    @Inject
    @ConfigProperty(name = "tenancy.metrics.idle-seconds", defaultValue = "3600")
    long idleSeconds;

    /** Requests per minute of one tenant over the last minutes, oldest first. */
    public record RecentCounts(String tenantId, long[] perMinute) {

        public long total() {
            long total = 0;
            for (long count : perMinute) {
                total += count;
            }
            return total;
        }

        /** The busiest minute's requests, per second. */
        public double peakPerSecond() {
            long peak = 0;
            for (long count : perMinute) {
                peak = Math.max(peak, count);
            }
            return peak / 60.0;
        }
    }

    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private final RecentRequests recent = new RecentRequests();
    private SeriesBudget budget;
    private Recorder recorder;
    private PrometheusRegistry ownRegistry;

    @PostConstruct
    void init() {
        budget = new SeriesBudget(maxTenants, TimeUnit.SECONDS.toNanos(idleSeconds));
        ownRegistry = new PrometheusRegistry();
        recorder = ownRegistry;
    }

    /** Never fails the request it measures: a broken metrics backend is logged, once. */
    public void request(String tenantId, Duration duration) {
        try {
            SeriesBudget.Admission admission = budget.admit(tenantId, System.nanoTime());
            if (admission.evicted() != null) {
                recorder.forget(admission.evicted());
                recent.forget(admission.evicted());
            }
            recorder.record(admission.series(), duration);
            recent.record(admission.series(), minuteNow());
        } catch (RuntimeException e) {
            if (failureLogged.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Recording per-tenant metrics failed; further failures are not logged", e);
            }
        }
    }

    /**
     * One statement of a tenant, in {@code tenancy_sql_seconds_total} and
     * {@code tenancy_sql_rows_read_total}: under the tenant's own series while its requests hold a
     * place in the series budget, else under {@code _other} (jobs run SQL for every tenant, and
     * must not take the places of the tenants active now).
     */
    public void sql(String tenantId, long nanos, long rowsRead) {
        try {
            recorder.sql(budget.seriesOf(tenantId), nanos, rowsRead);
        } catch (RuntimeException e) {
            if (failureLogged.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Recording per-tenant metrics failed; further failures are not logged", e);
            }
        }
    }

    /** Counted in {@code tenancy_audit_dropped_total}, which has no tenant. */
    public void operatorLoginFailed() {
        try {
            recorder.operatorLoginFailed();
        } catch (RuntimeException e) {
            if (failureLogged.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Recording metrics failed; further failures are not logged", e);
            }
        }
    }

    public void auditDropped() {
        try {
            recorder.auditDropped();
        } catch (RuntimeException e) {
            if (failureLogged.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Recording metrics failed; further failures are not logged", e);
            }
        }
    }

    /** A tenant's requests per minute over the last {@value RecentRequests#MINUTES} minutes, on this node. */
    public RecentCounts recent(String tenantId) {
        return new RecentCounts(tenantId, recent.last(tenantId, minuteNow()));
    }

    /**
     * The tenants with the most requests over the last minutes, on this node, busiest first; the
     * tenants beyond the series budget are together under {@code _other}.
     */
    public List<RecentCounts> busiest(int limit) {
        return recent.all(minuteNow()).entrySet().stream()
                .map(e -> new RecentCounts(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(RecentCounts::total).reversed().thenComparing(RecentCounts::tenantId))
                .limit(limit)
                .toList();
    }

    public static int recentMinutes() {
        return RecentRequests.MINUTES;
    }

    private static long minuteNow() {
        return System.currentTimeMillis() / 60_000;
    }

    /** The registry the application serves at {@code /metrics}. */
    PrometheusRegistry ownRegistry() {
        return ownRegistry;
    }
}
