package dev.rockstar.tenancy.audit.control;

import dev.rockstar.tenancy.tenant.entity.UnknownHostRequested;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
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
 * minute, however many made-up hosts are tried, naming the most asked-for hosts and the total.
 * A minute opens with the first miss; when one host in it reaches the threshold, the entry is
 * written as the minute closes (on the server's scheduler, so it carries no request's address).
 * Memory stays bounded whatever hosts are tried: the hosts seen least recently are forgotten
 * first, so a flood of distinct made-up hosts cannot push out the one host a real burst keeps
 * asking for (its misses still count in the total).
 */
@ApplicationScoped
class UnknownHostBursts {

    private static final Logger LOG = Logger.getLogger(UnknownHostBursts.class.getName());
    static final String EVENT = "UNKNOWN_HOST_BURST";
    static final long WINDOW_MILLIS = 60_000;
    static final int MAX_TRACKED_HOSTS = 10_000;
    static final int HOSTS_NAMED = 10;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "tenancy.audit.unknown-host-burst", defaultValue = "20")
    int threshold;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Per host: its misses in the open minute; in access order, for eviction. */
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
            later(WINDOW_MILLIS + 100, this::closeDue);
        }
    }

    /** Counts one miss; true when it makes the open minute's first burst (the entry is then due at its end). */
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

    /** The entry of the open minute if it is over and had a burst ({@code null} if not); a minute over is forgotten. */
    synchronized String close(long now) {
        if (windowStart < 0 || now - windowStart < WINDOW_MILLIS) {
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
                .append(" requests within a minute for ")
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
