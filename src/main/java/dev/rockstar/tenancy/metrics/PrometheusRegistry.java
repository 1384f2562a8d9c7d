package dev.rockstar.tenancy.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The application's own per-tenant metrics, for servers without MicroProfile Metrics. Writes the
 * Prometheus text format with the names and labels Payara's MicroProfile Metrics writes for the
 * same instruments, so that dashboards and alerts read both servers alike: a counter
 * {@code tenancy_requests_total} and a summary {@code tenancy_request_duration_seconds}
 * ({@code _count}, {@code _sum}, with {@code _max} and {@code _mean} gauges), labelled
 * {@code mp_scope="application"} and {@code tenant}. No quantiles: they need a sampling reservoir
 * per tenant (and Payara's are written in nanoseconds under a seconds name); dashboards derive
 * rates and means from {@code _count} and {@code _sum}. The max is since start, not per window.
 */
final class PrometheusRegistry implements TenantMetrics.Recorder {

    static final String REQUESTS_HELP = "Requests answered for a tenant";
    static final String DURATION_HELP = "Time to answer a tenant's request";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final String REQUESTS = name(TenantMetrics.REQUESTS) + "_total";
    private static final String DURATION = name(TenantMetrics.DURATION) + "_seconds";
    private static final double NANOS_PER_SECOND = 1e9;

    private static final class Series {
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAccumulator maxNanos = new LongAccumulator(Long::max, 0);
    }

    private final Map<String, Series> bySeries = new ConcurrentHashMap<>();

    @Override
    public void record(String series, Duration duration) {
        Series s = bySeries.computeIfAbsent(series, id -> new Series());
        long nanos = duration.toNanos();
        s.count.increment();
        s.nanos.add(nanos);
        s.maxNanos.accumulate(nanos);
    }

    @Override
    public void forget(String series) {
        bySeries.remove(series);
    }

    /** The whole registry in Prometheus text format 0.0.4, tenants in a stable order. */
    String scrape() {
        Map<String, Series> sorted = new TreeMap<>(bySeries);
        StringBuilder out = new StringBuilder(128 + sorted.size() * 320);
        header(out, REQUESTS, REQUESTS_HELP, "counter");
        sorted.forEach((tenant, s) -> sample(out, REQUESTS, tenant, s.count.sum()));
        header(out, DURATION, DURATION_HELP, "summary");
        sorted.forEach((tenant, s) -> {
            sample(out, DURATION + "_count", tenant, s.count.sum());
            sample(out, DURATION + "_sum", tenant, s.nanos.sum() / NANOS_PER_SECOND);
        });
        header(out, DURATION + "_max", DURATION_HELP, "gauge");
        sorted.forEach((tenant, s) -> sample(out, DURATION + "_max", tenant, s.maxNanos.get() / NANOS_PER_SECOND));
        header(out, DURATION + "_mean", DURATION_HELP, "gauge");
        sorted.forEach((tenant, s) -> {
            long count = s.count.sum();
            sample(out, DURATION + "_mean", tenant, count == 0 ? 0 : s.nanos.sum() / NANOS_PER_SECOND / count);
        });
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String tenant, double value) {
        out.append(name).append("{mp_scope=\"application\",").append(TenantMetrics.TENANT_TAG).append("=\"")
                .append(escape(tenant)).append("\"} ").append(value).append('\n');
    }

    /** Label values escape backslash, quote and newline (tenant ids have none, but the format demands it). */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String name(String dotted) {
        return dotted.replace('.', '_');
    }
}
