package dev.rockstar.tenancy.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The MicroProfile Metrics side of {@link TenantMetrics}. Loaded only where the API exists;
 * deliberately not a CDI bean, so that bean discovery never touches it on other servers: it is
 * created as an unmanaged instance, which still gets the registry injected (servers' registry
 * producers need a real injection point).
 */
final class MicroProfileMetricsRecorder implements TenantMetrics.Recorder {

    private static final Metadata REQUESTS = Metadata.builder()
            .withName(TenantMetrics.REQUESTS)
            .withDescription(PrometheusRegistry.REQUESTS_HELP)
            .build();
    private static final Metadata DURATION = Metadata.builder()
            .withName(TenantMetrics.DURATION)
            .withDescription(PrometheusRegistry.DURATION_HELP)
            .withUnit(MetricUnits.NANOSECONDS)
            .build();

    @Inject
    MetricRegistry registry;

    // The registry's own lookup builds a MetricID per call; keep the instruments per tenant.
    private final Map<String, Instruments> byTenant = new ConcurrentHashMap<>();

    private record Instruments(Counter requests, Timer duration) {
    }

    @Override
    public void record(String series, Duration duration) {
        Instruments instruments = byTenant.computeIfAbsent(series, id -> {
            Tag tag = new Tag(TenantMetrics.TENANT_TAG, id);
            return new Instruments(registry.counter(REQUESTS, tag), registry.timer(DURATION, tag));
        });
        instruments.requests().inc();
        instruments.duration().update(duration);
    }

    @Override
    public void forget(String series) {
        byTenant.remove(series);
        Tag tag = new Tag(TenantMetrics.TENANT_TAG, series);
        registry.remove(new MetricID(TenantMetrics.REQUESTS, tag));
        registry.remove(new MetricID(TenantMetrics.DURATION, tag));
    }
}
