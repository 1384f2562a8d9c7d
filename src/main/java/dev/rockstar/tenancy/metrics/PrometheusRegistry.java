package dev.rockstar.tenancy.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The application's own per-tenant metrics, served by the application on every server
 * ({@link MetricsEndpoint}). Writes the Prometheus text format 0.0.4: a counter
 * {@code tenancy_requests_total} and a histogram {@code tenancy_request_duration_seconds}
 * ({@code _bucket} per {@code le} of {@link DurationSeries#BUCKETS}, {@code _count}, {@code _sum}),
 * with {@code _max} and {@code _mean} gauges, labelled {@code mp_scope="application"} and
 * {@code tenant}; every duration in seconds. Buckets, count and sum only grow, so Prometheus can
 * take their rate and add the buckets of several nodes up before {@code histogram_quantile}. The
 * max is since start. Each metric is written as one group, as the format demands.
 */
final class PrometheusRegistry implements TenantMetrics.Recorder {

    static final String REQUESTS_HELP = "Requests answered for a tenant";
    static final String DURATION_HELP = "Time to answer a tenant's request";
    static final String AUDIT_DROPPED_HELP = "Audit entries dropped because the audit writer could not keep up";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final String REQUESTS = name(TenantMetrics.REQUESTS) + "_total";
    private static final String DURATION = name(TenantMetrics.DURATION) + "_seconds";
    private static final String AUDIT_DROPPED = name(TenantMetrics.AUDIT_DROPPED) + "_total";
    static final String SQL_SECONDS_HELP = "Time the database took for a tenant's SQL statements";
    static final String SQL_ROWS_READ_HELP = "Rows a tenant's SQL queries read";
    private static final String SQL_SECONDS = name(TenantMetrics.SQL_SECONDS) + "_total";
    private static final String SQL_ROWS_READ = name(TenantMetrics.SQL_ROWS_READ) + "_total";
    static final String OPERATOR_LOGIN_FAILURES_HELP =
            "Wrong operator passwords, at the admin API, /metrics and the console";
    private static final String OPERATOR_LOGIN_FAILURES = name(TenantMetrics.OPERATOR_LOGIN_FAILURES) + "_total";

    private final Map<String, DurationSeries> bySeries = new ConcurrentHashMap<>();
    private final Map<String, SqlTotals> sqlBySeries = new ConcurrentHashMap<>();
    private final LongAdder auditDropped = new LongAdder();
    private final LongAdder operatorLoginFailures = new LongAdder();

    @Override
    public void record(String series, Duration duration) {
        bySeries.computeIfAbsent(series, id -> new DurationSeries()).record(duration.toNanos());
    }

    /** A tenant's SQL time and rows read, as counters. */
    private record SqlTotals(LongAdder nanos, LongAdder rowsRead) {}

    @Override
    public void sql(String series, long nanos, long rowsRead) {
        SqlTotals totals = sqlBySeries.computeIfAbsent(series, id -> new SqlTotals(new LongAdder(), new LongAdder()));
        totals.nanos().add(nanos);
        totals.rowsRead().add(rowsRead);
    }

    @Override
    public void forget(String series) {
        bySeries.remove(series);
        sqlBySeries.remove(series);
    }

    @Override
    public void auditDropped() {
        auditDropped.increment();
    }

    @Override
    public void operatorLoginFailed() {
        operatorLoginFailures.increment();
    }

    /** The whole registry in Prometheus text format 0.0.4, tenants in a stable order. */
    String scrape() {
        Map<String, DurationSeries.Snapshot> sorted = new TreeMap<>();
        bySeries.forEach((tenant, series) -> sorted.put(tenant, series.snapshot()));
        StringBuilder out = new StringBuilder(256 + sorted.size() * 1024);
        header(out, REQUESTS, REQUESTS_HELP, "counter");
        sorted.forEach((tenant, s) -> sample(out, REQUESTS, tenant, s.count()));
        header(out, DURATION, DURATION_HELP, "histogram");
        sorted.forEach((tenant, s) -> {
            for (int i = 0; i < DurationSeries.BUCKETS.length; i++) {
                bucket(out, tenant, DurationSeries.label(DurationSeries.BUCKETS[i]), s.cumulative()[i]);
            }
            bucket(out, tenant, "+Inf", s.count());
            sample(out, DURATION + "_sum", tenant, s.sumSeconds());
            sample(out, DURATION + "_count", tenant, s.count());
        });
        header(out, DURATION + "_max", DURATION_HELP, "gauge");
        sorted.forEach((tenant, s) -> sample(out, DURATION + "_max", tenant, s.maxSeconds()));
        header(out, DURATION + "_mean", DURATION_HELP, "gauge");
        sorted.forEach((tenant, s) -> sample(out, DURATION + "_mean", tenant, s.meanSeconds()));
        Map<String, SqlTotals> sql = new TreeMap<>(sqlBySeries);
        header(out, SQL_SECONDS, SQL_SECONDS_HELP, "counter");
        sql.forEach((tenant, t) -> sample(out, SQL_SECONDS, tenant, t.nanos().sum() / 1e9));
        header(out, SQL_ROWS_READ, SQL_ROWS_READ_HELP, "counter");
        sql.forEach(
                (tenant, t) -> sample(out, SQL_ROWS_READ, tenant, t.rowsRead().sum()));
        header(out, AUDIT_DROPPED, AUDIT_DROPPED_HELP, "counter");
        out.append(AUDIT_DROPPED)
                .append("{mp_scope=\"application\"} ")
                .append(value(auditDropped.sum()))
                .append('\n');
        header(out, OPERATOR_LOGIN_FAILURES, OPERATOR_LOGIN_FAILURES_HELP, "counter");
        out.append(OPERATOR_LOGIN_FAILURES)
                .append("{mp_scope=\"application\"} ")
                .append(value(operatorLoginFailures.sum()))
                .append('\n');
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ")
                .append(name)
                .append(' ')
                .append(help)
                .append('\n')
                .append("# TYPE ")
                .append(name)
                .append(' ')
                .append(type)
                .append('\n');
    }

    private static void sample(StringBuilder out, String name, String tenant, double value) {
        labels(out.append(name), tenant).append("} ").append(value(value)).append('\n');
    }

    private static void bucket(StringBuilder out, String tenant, String le, long count) {
        labels(out.append(DURATION).append("_bucket"), tenant)
                .append(",le=\"")
                .append(le)
                .append("\"} ")
                .append(value(count))
                .append('\n');
    }

    /** The labels of a tenant's sample, without the closing brace. */
    private static StringBuilder labels(StringBuilder out, String tenant) {
        return out.append("{mp_scope=\"application\",")
                .append(TenantMetrics.TENANT_TAG)
                .append("=\"")
                .append(escape(tenant))
                .append('"');
    }

    /** Java writes NaN alike but infinity as "Infinity", which the format does not know. */
    static String value(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(value);
    }

    /** Label values escape backslash, quote and newline (tenant ids have none, but the format demands it). */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String name(String dotted) {
        return dotted.replace('.', '_');
    }
}
