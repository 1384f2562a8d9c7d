package dev.rockstar.tenancy.metrics;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Unmanaged;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's only door to a metrics API. Records per-tenant request counts and timings
 * with MicroProfile Metrics where the server has it (Payara); where it does not (WildFly), in a
 * registry of the application's own that the WAR serves at {@code /metrics}. The same series
 * (names and tags) on both, every duration in seconds:
 * <pre>
 * tenancy_requests_total{mp_scope="application",tenant="acme"}                 requests of the tenant
 * tenancy_request_duration_seconds_count{mp_scope="application",tenant="acme"} and their timings
 *   (_sum, _max, _mean, and quantile="0.5" ... "0.999" over the last requests: {@link DurationSeries})
 * tenancy_audit_dropped_total{mp_scope="application"}                          audit entries dropped
 * </pre>
 * The MicroProfile API is {@code provided} and touched only when present. At most
 * {@code tenancy.metrics.max-tenants} tenants get series of their own; the others are counted
 * under {@code tenant="_other"} ({@link SeriesBudget}).
 */
@ApplicationScoped
public class TenantMetrics {

    static final String REQUESTS = "tenancy.requests";
    static final String DURATION = "tenancy.request.duration";
    static final String AUDIT_DROPPED = "tenancy.audit.dropped";
    static final String TENANT_TAG = "tenant";
    private static final Logger LOG = Logger.getLogger(TenantMetrics.class.getName());

    /** Where the numbers go: one implementation per metrics backend. */
    interface Recorder {
        void record(String series, Duration duration);

        /** Drops a tenant's series, whose place in the budget went to another tenant. */
        void forget(String series);

        /** One more audit entry dropped because the audit writer could not keep up. */
        void auditDropped();
    }

    @Inject
    @ConfigProperty(name = "tenancy.metrics.max-tenants", defaultValue = "1000")
    int maxTenants;

    @Inject
    @ConfigProperty(name = "tenancy.metrics.idle-seconds", defaultValue = "3600")
    long idleSeconds;

    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private SeriesBudget budget;
    private Recorder recorder;
    private PrometheusRegistry ownRegistry;

    @PostConstruct
    void init() {
        budget = new SeriesBudget(maxTenants, TimeUnit.SECONDS.toNanos(idleSeconds));
        recorder = microProfileRecorder().orElseGet(() -> {
            LOG.info("MicroProfile Metrics is not available on this server: per-tenant metrics are served "
                    + "by the application at /metrics");
            ownRegistry = new PrometheusRegistry();
            return ownRegistry;
        });
    }

    /** Never fails the request it measures: a broken metrics backend is logged, once. */
    public void request(String tenantId, Duration duration) {
        try {
            SeriesBudget.Admission admission = budget.admit(tenantId, System.nanoTime());
            if (admission.evicted() != null) {
                recorder.forget(admission.evicted());
            }
            recorder.record(admission.series(), duration);
        } catch (RuntimeException e) {
            if (failureLogged.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Recording per-tenant metrics failed; further failures are not logged", e);
            }
        }
    }

    /** Counted in {@code tenancy_audit_dropped_total}, which has no tenant. */
    public void auditDropped() {
        try {
            recorder.auditDropped();
        } catch (RuntimeException e) {
            if (failureLogged.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Recording metrics failed; further failures are not logged", e);
            }
        }
    }

    /** The registry the application serves itself, where the server has no metrics of its own. */
    Optional<PrometheusRegistry> ownRegistry() {
        return Optional.ofNullable(ownRegistry);
    }

    private static Optional<Recorder> microProfileRecorder() {
        if (!isPresent("org.eclipse.microprofile.metrics.MetricRegistry")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Unmanaged<>(MicroProfileMetricsRecorder.class).newInstance()
                    .produce().inject().postConstruct().get());
        } catch (RuntimeException noRegistry) {
            // The API on the class path without a server implementation behind it.
            LOG.log(Level.FINE, "MicroProfile Metrics API present but no registry to inject", noRegistry);
            return Optional.empty();
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, TenantMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
