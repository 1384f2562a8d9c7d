package dev.rockstar.tenancy.metrics;

import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The MicroProfile Metrics side of {@link TenantMetrics}. Loaded only where the API exists;
 * deliberately not a CDI bean, so that bean discovery never touches it on other servers: it is
 * created as an unmanaged instance, which still gets the registry injected (servers' registry
 * producers need a real injection point).
 *
 * <p>Durations are gauges over a {@link DurationSeries}, not a MicroProfile {@code Timer}: the
 * Prometheus writer of Payara 6 (OpenMetricsExporter; the quantiles were fixed in 7.2026.6 only)
 * writes a timer's quantiles as the raw nanoseconds of its reservoir under the {@code _seconds}
 * name, whatever unit the metadata gives, and writes a timer's families once per tenant,
 * interleaved, where the text format wants one group per metric. Gauges are scaled by their unit and written one family at a time. The
 * series keep the timer's names and labels; only their {@code # TYPE} is {@code gauge}:
 * <pre>
 * tenancy_request_duration_seconds{mp_scope="application",quantile="0.5",tenant="acme"}  (unit seconds)
 * tenancy_request_duration_seconds_count / _sum / _max / _mean{mp_scope="application",tenant="acme"}
 * </pre>
 */
final class MicroProfileMetricsRecorder implements TenantMetrics.Recorder {

    private static final String QUANTILE_TAG = "quantile";
    private static final Metadata REQUESTS = Metadata.builder()
            .withName(TenantMetrics.REQUESTS)
            .withDescription(PrometheusRegistry.REQUESTS_HELP)
            .build();
    private static final Metadata DURATION_QUANTILES = Metadata.builder()
            .withName(TenantMetrics.DURATION)
            .withDescription(PrometheusRegistry.DURATION_HELP)
            .withUnit(MetricUnits.SECONDS)
            .build();
    private static final Metadata OPERATOR_LOGIN_FAILURES = Metadata.builder()
            .withName(TenantMetrics.OPERATOR_LOGIN_FAILURES)
            .withDescription(PrometheusRegistry.OPERATOR_LOGIN_FAILURES_HELP)
            .build();
    private static final Metadata AUDIT_DROPPED = Metadata.builder()
            .withName(TenantMetrics.AUDIT_DROPPED)
            .withDescription(PrometheusRegistry.AUDIT_DROPPED_HELP)
            .build();
    // Unitless, with "seconds" in the name: a unit would put "_seconds" after the suffix.
    private static final Metadata COUNT = secondsGauge("count");
    private static final Metadata SUM = secondsGauge("sum");
    private static final Metadata MAX = secondsGauge("max");
    private static final Metadata MEAN = secondsGauge("mean");

    private static final Metadata SQL_ROWS_READ = Metadata.builder()
            .withName(TenantMetrics.SQL_ROWS_READ)
            .withDescription(PrometheusRegistry.SQL_ROWS_READ_HELP)
            .build();
    // MicroProfile counters count whole numbers: the seconds are a gauge over a sum of nanoseconds.
    private static final Metadata SQL_SECONDS = Metadata.builder()
            .withName(TenantMetrics.SQL_SECONDS)
            .withDescription(PrometheusRegistry.SQL_SECONDS_HELP)
            .build();

    @Inject
    MetricRegistry registry;

    private final Map<String, SqlInstruments> sqlByTenant = new ConcurrentHashMap<>();

    private record SqlInstruments(LongAdder nanos, Counter rowsRead) {}

    @Override
    public void sql(String series, long nanos, long rowsRead) {
        SqlInstruments instruments = sqlByTenant.computeIfAbsent(series, this::registerSql);
        instruments.nanos().add(nanos);
        instruments.rowsRead().inc(rowsRead);
    }

    private SqlInstruments registerSql(String series) {
        Tag tenant = new Tag(TenantMetrics.TENANT_TAG, series);
        LongAdder nanos = new LongAdder();
        registry.gauge(SQL_SECONDS, () -> nanos.sum() / 1e9, tenant);
        return new SqlInstruments(nanos, registry.counter(SQL_ROWS_READ, tenant));
    }

    // The registry's own lookup builds a MetricID per call; keep the instruments per tenant.
    private final Map<String, Instruments> byTenant = new ConcurrentHashMap<>();

    private record Instruments(Counter requests, DurationSeries durations) {}

    @Override
    public void record(String series, Duration duration) {
        Instruments instruments = byTenant.computeIfAbsent(series, this::register);
        instruments.requests().inc();
        instruments.durations().record(duration.toNanos());
    }

    @Override
    public void forget(String series) {
        for (MetricID id : ids(series)) {
            registry.remove(id);
        }
        byTenant.remove(series);
        Tag tenant = new Tag(TenantMetrics.TENANT_TAG, series);
        registry.remove(new MetricID(TenantMetrics.SQL_SECONDS, tenant));
        registry.remove(new MetricID(TenantMetrics.SQL_ROWS_READ, tenant));
        sqlByTenant.remove(series);
    }

    @Override
    public void auditDropped() {
        registry.counter(AUDIT_DROPPED).inc();
    }

    @Override
    public void operatorLoginFailed() {
        registry.counter(OPERATOR_LOGIN_FAILURES).inc();
    }

    private Instruments register(String series) {
        Tag tenant = new Tag(TenantMetrics.TENANT_TAG, series);
        DurationSeries durations = new DurationSeries();
        for (int i = 0; i < DurationSeries.QUANTILES.length; i++) {
            int index = i;
            registry.gauge(DURATION_QUANTILES, () -> durations.snapshot().quantile(index), tenant, quantileTag(i));
        }
        gauge(COUNT, () -> durations.snapshot().count(), tenant);
        gauge(SUM, () -> durations.snapshot().sumSeconds(), tenant);
        gauge(MAX, () -> durations.snapshot().maxSeconds(), tenant);
        gauge(MEAN, () -> durations.snapshot().meanSeconds(), tenant);
        return new Instruments(registry.counter(REQUESTS, tenant), durations);
    }

    private <T extends Number> void gauge(Metadata metadata, Supplier<T> value, Tag tenant) {
        registry.gauge(metadata, value, tenant);
    }

    private static List<MetricID> ids(String series) {
        Tag tenant = new Tag(TenantMetrics.TENANT_TAG, series);
        List<MetricID> ids = new ArrayList<>();
        ids.add(new MetricID(TenantMetrics.REQUESTS, tenant));
        for (int i = 0; i < DurationSeries.QUANTILES.length; i++) {
            ids.add(new MetricID(TenantMetrics.DURATION, tenant, quantileTag(i)));
        }
        for (Metadata gauge : List.of(COUNT, SUM, MAX, MEAN)) {
            ids.add(new MetricID(gauge.getName(), tenant));
        }
        return ids;
    }

    private static Tag quantileTag(int index) {
        return new Tag(QUANTILE_TAG, DurationSeries.label(DurationSeries.QUANTILES[index]));
    }

    private static Metadata secondsGauge(String suffix) {
        return Metadata.builder()
                .withName(TenantMetrics.DURATION + ".seconds." + suffix)
                .withDescription(PrometheusRegistry.DURATION_HELP)
                .build();
    }
}
