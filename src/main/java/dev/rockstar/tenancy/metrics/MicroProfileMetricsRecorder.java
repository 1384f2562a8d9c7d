package dev.rockstar.tenancy.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

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
            .withDescription("Requests answered for a tenant")
            .build();
    private static final Metadata DURATION = Metadata.builder()
            .withName(TenantMetrics.DURATION)
            .withDescription("Time to answer a tenant's request")
            .withUnit(MetricUnits.NANOSECONDS)
            .build();

    @Inject
    MetricRegistry registry;

    @Inject
    @ConfigProperty(name = "tenancy.metrics.max-tenants", defaultValue = "1000")
    int maxTenants;

    @Inject
    @ConfigProperty(name = "tenancy.metrics.idle-seconds", defaultValue = "3600")
    long idleSeconds;

    private SeriesBudget budget;

    @PostConstruct
    void init() {
        budget = new SeriesBudget(maxTenants, TimeUnit.SECONDS.toNanos(idleSeconds));
    }
    // The registry's own lookup builds a MetricID per call; keep the instruments per tenant.
    private final Map<String, Instruments> byTenant = new ConcurrentHashMap<>();

    private record Instruments(Counter requests, Timer duration) {
    }

    @Override
    public void request(String tenantId, Duration duration) {
        SeriesBudget.Admission admission = budget.admit(tenantId, System.nanoTime());
        if (admission.evicted() != null) {
            byTenant.remove(admission.evicted());
            Tag tag = new Tag(TenantMetrics.TENANT_TAG, admission.evicted());
            registry.remove(new MetricID(TenantMetrics.REQUESTS, tag));
            registry.remove(new MetricID(TenantMetrics.DURATION, tag));
        }
        Instruments instruments = byTenant.computeIfAbsent(admission.series(), id -> {
            Tag tag = new Tag(TenantMetrics.TENANT_TAG, id);
            return new Instruments(registry.counter(REQUESTS, tag), registry.timer(DURATION, tag));
        });
        instruments.requests().inc();
        instruments.duration().update(duration);
    }
}
