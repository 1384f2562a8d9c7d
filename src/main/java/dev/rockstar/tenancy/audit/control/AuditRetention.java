package dev.rockstar.tenancy.audit.control;

import dev.rockstar.tenancy.cluster.Recurring;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the audit log to {@code tenancy.audit.retention-days} (400): every
 * {@code tenancy.audit.prune-every} (an ISO-8601 duration, {@code PT1H}) each node deletes older
 * entries, oldest first, {@code tenancy.audit.prune-batch} (1000) rows per transaction, at most
 * {@value #MAX_BATCHES_PER_RUN} batches a run, so no run holds long locks or a long transaction.
 * Several nodes may prune at once: each batch deletes only rows that are still there, so they
 * share the work or find nothing left, and never fail on each other.
 */
@ApplicationScoped
class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class.getName());
    static final int MAX_BATCHES_PER_RUN = 100;

    @Inject
    @ConfigProperty(name = "tenancy.audit.retention-days", defaultValue = "400")
    int retentionDays;

    @Inject
    @ConfigProperty(name = "tenancy.audit.prune-every", defaultValue = "PT1H")
    Duration every;

    @Inject
    @ConfigProperty(name = "tenancy.audit.prune-batch", defaultValue = "1000")
    int batch;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    AuditWriter writer;

    LongSupplier clock = System::currentTimeMillis;

    private Recurring schedule;

    void start(@Observes Startup startup) {
        if (retentionDays <= 0) {
            LOG.info("Audit retention off (tenancy.audit.retention-days=" + retentionDays
                    + "): entries are kept forever");
            return;
        }
        long period = Math.max(1, every.toMillis());
        schedule = Recurring.start(scheduler, "audit retention", period, period, TimeUnit.MILLISECONDS, this::run);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (schedule != null) {
            schedule.stop();
        }
    }

    /** One run: the entries older than the retention, in batches; how many were deleted. */
    long prune() {
        Instant cutoff = Instant.ofEpochMilli(clock.getAsLong()).minus(Duration.ofDays(retentionDays));
        int size = Math.max(1, batch);
        long deleted = 0;
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            int rows = writer.pruneBefore(cutoff, size);
            deleted += rows;
            if (rows < size) {
                break;
            }
        }
        return deleted;
    }

    private void run() {
        long deleted = prune();
        if (deleted > 0) {
            LOG.info(() -> "Audit retention: " + deleted + " entries older than " + retentionDays + " days deleted");
        }
    }
}
