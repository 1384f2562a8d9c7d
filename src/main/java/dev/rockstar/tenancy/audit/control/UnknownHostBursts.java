package dev.rockstar.tenancy.audit.control;

import dev.rockstar.tenancy.tenant.entity.UnknownHostRequested;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Audits bursts of requests for unknown hosts (someone probing for tenants): at most one entry a
 * window ({@code tenancy.audit.unknown-host-window}, a minute unless configured), however many
 * made-up hosts are tried, naming the most asked-for hosts and the total. A window opens with the
 * first miss; when one host in it reaches the threshold, the entry is written as the window closes (on the server's scheduler, so it carries no request's address).
 * Memory stays bounded whatever hosts are tried: the hosts seen least recently are forgotten
 * first, so a flood of distinct made-up hosts cannot push out the one host a real burst keeps
 * asking for (its misses still count in the total).
 */
@ApplicationScoped
class UnknownHostBursts {

    private static final Logger LOG = Logger.getLogger(UnknownHostBursts.class.getName());
    static final String EVENT = "UNKNOWN_HOST_BURST";
    /** Shorter windows would make the audit log a request log under a steady probe. */
    static final Duration SHORTEST_WINDOW = Duration.ofSeconds(1);

    static final int MAX_TRACKED_HOSTS = 10_000;
    static final int HOSTS_NAMED = 10;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "tenancy.audit.unknown-host-burst", defaultValue = "20")
    int threshold;

    @Inject
    @ConfigProperty(name = "tenancy.audit.unknown-host-window", defaultValue = "PT1M")
    Duration window = Duration.ofMinutes(1);

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Per host: its misses in the open window; in access order, for eviction. */
    private final Map<String, long[]> hosts = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_TRACKED_HOSTS;
        }
    };

    private long windowStart = -1;
    private long total;
    private long distinct;
    private boolean burst;

    void onUnknownHost(@Observes UnknownHostRequested request) {
        long now = System.currentTimeMillis();
        String closed;
        boolean firstBurst;
        synchronized (this) {
            closed = close(now);
            firstBurst = count(request.host(), now);
        }
        if (closed != null) {
            later(0, () -> write(closed));
        }
        if (firstBurst) {
            later(windowMillis() + 100, this::closeDue);
        }
    }

    /** Counts one miss; true when it makes the open window's first burst (the entry is then due at its end). */
    synchronized boolean count(String host, long now) {
        if (windowStart < 0) {
            windowStart = now;
        }
        total++;
        long[] misses = hosts.get(host);
        if (misses == null) {
            distinct++;
            hosts.put(host, misses = new long[1]);
        }
        if (++misses[0] >= threshold && !burst) {
            burst = true;
            return true;
        }
        return false;
    }

    /** The entry of the open window if it is over and had a burst ({@code null} if not); a window over is forgotten. */
    synchronized String close(long now) {
        if (windowStart < 0 || now - windowStart < windowMillis()) {
            return null;
        }
        String entry = burst ? summary() : null;
        hosts.clear();
        windowStart = -1;
        total = 0;
        distinct = 0;
        burst = false;
        return entry;
    }

    long windowMillis() {
        return Math.max(window.toMillis(), SHORTEST_WINDOW.toMillis());
    }

    /** "a minute", "5 minutes", "15 seconds": the window as the entry names it. */
    String windowInWords() {
        long seconds = windowMillis() / 1000;
        if (seconds == 60) {
            return "a minute";
        }
        return seconds % 60 == 0 ? seconds / 60 + " minutes" : seconds + (seconds == 1 ? " second" : " seconds");
    }

    synchronized int trackedHosts() {
        return hosts.size();
    }

    private String summary() {
        List<Map.Entry<String, long[]>> top = new ArrayList<>(hosts.entrySet());
        top.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0])
                .reversed()
                .thenComparing(Map.Entry::getKey));
        StringBuilder detail = new StringBuilder()
                .append(total)
                .append(" requests within ")
                .append(windowInWords())
                .append(" for ")
                .append(distinct)
                .append(distinct == 1 ? " unknown host" : " unknown hosts")
                .append("; most asked for: ");
        for (int i = 0; i < Math.min(HOSTS_NAMED, top.size()); i++) {
            detail.append(i == 0 ? "" : ", ")
                    .append('\'')
                    .append(top.get(i).getKey())
                    .append("' ")
                    .append(top.get(i).getValue()[0]);
        }
        return detail.toString();
    }

    private void closeDue() {
        String closed = close(System.currentTimeMillis());
        if (closed != null) {
            write(closed);
        }
    }

    private void write(String detail) {
        audit.record(null, EVENT, "system", detail, AuditPriority.BULK);
    }

    private void later(long delayMillis, Runnable task) {
        try {
            scheduler.schedule(
                    () -> {
                        try {
                            task.run();
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "Unknown-host burst not audited", e);
                        }
                    },
                    delayMillis,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "Unknown-host burst not audited: the scheduler refused it", e);
        }
    }
}
