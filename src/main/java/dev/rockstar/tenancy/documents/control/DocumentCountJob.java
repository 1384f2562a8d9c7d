package dev.rockstar.tenancy.documents.control;

import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.TenantJobReport;
import dev.rockstar.tenancy.TenantRunner;
import dev.rockstar.tenancy.cluster.Recurring;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The sample per-tenant job: counts each active tenant's documents on a schedule and logs the
 * figures, the shape of a nightly clean-up or report; it also sets each tenant's kept count
 * ({@link DocumentCounts}) right, should code past {@link Documents} have deleted documents. Scheduled on the server's
 * {@code ManagedScheduledExecutorService} rather than an EJB timer, so that it needs no EJB
 * container (Payara Micro, WildFly and GlassFish alike); it runs with no tenant, and
 * {@link TenantRunner#forEachTenant} gives each tenant's share that tenant. Configured by
 * {@code tenancy.jobs.document-count.enabled} and {@code tenancy.jobs.document-count.every}
 * (an ISO-8601 duration; the first run is one period after start).
 */
@ApplicationScoped
public class DocumentCountJob {

    private static final Logger LOG = Logger.getLogger(DocumentCountJob.class.getName());

    @Inject
    @ConfigProperty(name = "tenancy.jobs.document-count.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "tenancy.jobs.document-count.every", defaultValue = "PT24H")
    Duration every;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    TenantRunner tenants;

    @Inject
    TenantContext tenant;

    @Inject
    Documents documents;

    private volatile Map<String, Long> lastCounts = Map.of();
    private Recurring schedule;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!enabled) {
            LOG.info("Per-tenant document count disabled (tenancy.jobs.document-count.enabled=false)");
            return;
        }
        long period = every.toMillis();
        schedule = Recurring.start(
                scheduler, "per-tenant document count", period, period, TimeUnit.MILLISECONDS, this::run);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (schedule != null) {
            schedule.stop();
        }
    }

    /** Every tenant's count, as the last run found them: what a report would send on. */
    public Map<String, Long> lastCounts() {
        return lastCounts;
    }

    public TenantJobReport run() {
        Map<String, Long> counts = new ConcurrentHashMap<>();
        TenantJobReport report =
                tenants.forEachTenant(() -> counts.put(tenant.require().id(), documents.recount()));
        report.failed()
                .forEach(failure -> LOG.log(
                        Level.WARNING, "Document count failed for tenant " + failure.tenantId(), failure.error()));
        LOG.fine(() -> "Documents per tenant: " + counts + "; skipped (suspended): " + report.skipped());
        lastCounts = Map.copyOf(counts);
        return report;
    }
}
