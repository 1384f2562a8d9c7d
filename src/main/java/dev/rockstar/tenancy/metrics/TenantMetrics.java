package dev.rockstar.tenancy.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Unmanaged;

/**
 * The application's only door to a metrics API. Records per-tenant request counts and timings
 * with MicroProfile Metrics where the server has it; the API is {@code provided} and touched
 * only when present, so the same WAR deploys to a server without it.
 * <pre>
 * tenancy_requests_total{tenant="acme"}                 requests of the tenant
 * tenancy_request_duration_seconds_count{tenant="acme"} and their timings
 * </pre>
 * At most {@code tenancy.metrics.max-tenants} tenants get series of their own; the others are
 * counted under {@code tenant="_other"} ({@link SeriesBudget}).
 */
@ApplicationScoped
public class TenantMetrics {

    static final String REQUESTS = "tenancy.requests";
    static final String DURATION = "tenancy.request.duration";
    static final String TENANT_TAG = "tenant";
    private static final Logger LOG = Logger.getLogger(TenantMetrics.class.getName());

    /** What records the numbers; a second implementation exists where the API is absent. */
    interface Recorder {
        void request(String tenantId, Duration duration);
    }

    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private Recorder recorder;

    @PostConstruct
    void init() {
        if (isPresent("org.eclipse.microprofile.metrics.MetricRegistry")) {
            recorder = new Unmanaged<>(MicroProfileMetricsRecorder.class).newInstance().produce().inject().postConstruct().get();
        } else {
            LOG.warning("MicroProfile Metrics is not available on this server: per-tenant metrics are not recorded");
            recorder = (tenantId, duration) -> { };
        }
    }

    /** Never fails the request it measures: a broken metrics backend is logged, once. */
    public void request(String tenantId, Duration duration) {
        try {
            recorder.request(tenantId, duration);
        } catch (RuntimeException e) {
            if (failureLogged.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Recording per-tenant metrics failed; further failures are not logged", e);
            }
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
