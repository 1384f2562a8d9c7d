package dev.rockstar.tenancy.audit.control;

import dev.rockstar.tenancy.audit.entity.AuditEntry;
import dev.rockstar.tenancy.metrics.TenantMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Between {@link AuditLog#record} and the database: what keeps one noisy client from burying the
 * log or the server.
 * <ul>
 * <li>Repeated attempts ({@link AuditLog#attempt}) of one event with the same tenant, actor and
 *     address within {@code tenancy.audit.coalesce-seconds} (60) are one entry whose count rises,
 *     not a row each.</li>
 * <li>Entries wait in a queue of {@code tenancy.audit.queue-capacity} (10,000); when the writer
 *     cannot keep up, entries are dropped and counted ({@code tenancy_audit_dropped_total} in
 *     {@code /metrics}, per {@link AuditPriority} on the console's dashboard) rather than piling
 *     up in memory. A full queue makes room for a {@link AuditPriority#SECURITY} entry by dropping
 *     the newest {@link AuditPriority#BULK} one: a flood that any client can raise never pushes
 *     out a failed operator login or an operator's change.</li>
 * <li>One writer at a time, on the server's managed executor, in transactions of its own.</li>
 * </ul>
 */
@ApplicationScoped
class AuditQueue {

    private static final Logger LOG = Logger.getLogger(AuditQueue.class.getName());
    static final int MAX_WINDOWS = 10_000;

    @Resource
    ManagedExecutorService executor;

    @Inject
    AuditWriter writer;

    @Inject
    TenantMetrics metrics;

    @Inject
    @ConfigProperty(name = "tenancy.audit.queue-capacity", defaultValue = "10000")
    int capacity;

    @Inject
    @ConfigProperty(name = "tenancy.audit.coalesce-seconds", defaultValue = "60")
    long coalesceSeconds;

    /** Both guarded by {@code windows}' lock; together never more than {@code capacity}. */
    private final Deque<Pending> security = new ArrayDeque<>();

    private final Deque<Pending> bulk = new ArrayDeque<>();
    private long windowMillis;

    /** The open window of each source, least recently seen first out when there are too many. */
    private final Map<String, Window> windows = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > MAX_WINDOWS; // an evicted window's count still reaches the database: it is in dirty
        }
    };

    private final Set<Window> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicLong droppedSecurity = new AtomicLong();
    private final AtomicLong droppedBulk = new AtomicLong();

    /** One coalescing window: its entry, and how often the event happened in it. */
    static final class Window {
        final String entryId;
        final long start;
        final AtomicLong count = new AtomicLong(1);
        volatile boolean written;
        volatile boolean failed;

        Window(String entryId, long start) {
            this.entryId = entryId;
            this.start = start;
        }
    }

    /** @param source the key of its coalescing window, {@code null} when it has none */
    private record Pending(AuditEntry entry, Window window, String source) {}

    @PostConstruct
    void init() {
        capacity = Math.max(1, capacity);
        windowMillis = TimeUnit.SECONDS.toMillis(coalesceSeconds);
    }

    /** @param coalesce whether repeats from the entry's source within a window only count */
    void submit(AuditEntry entry, long nowMillis, boolean coalesce, AuditPriority priority) {
        String source = entry.getTenantId()
                + '\0'
                + entry.getEvent()
                + '\0'
                + entry.getActor()
                + '\0'
                + entry.getRemoteAddress();
        synchronized (windows) {
            Window open = coalesce ? windows.get(source) : null;
            if (open != null && nowMillis - open.start < windowMillis) {
                open.count.incrementAndGet();
                dirty.add(open);
            } else {
                Window window = new Window(entry.getId(), nowMillis);
                if (!enqueue(new Pending(entry, window, coalesce ? source : null), priority)) {
                    return;
                }
                if (coalesce) {
                    windows.put(source, window);
                }
            }
        }
        drainSoon();
    }

    /** Under {@code windows}' lock: queues the entry, or drops one and counts it. */
    private boolean enqueue(Pending pending, AuditPriority priority) {
        if (security.size() + bulk.size() < capacity) {
            (priority == AuditPriority.SECURITY ? security : bulk).addLast(pending);
            return true;
        }
        if (priority == AuditPriority.SECURITY && !bulk.isEmpty()) {
            Pending pushedOut = bulk.removeLast();
            pushedOut.window().failed = true; // so that drain() forgets it
            if (pushedOut.source() != null) {
                // its repeats must not go on counting in a window whose entry is never written
                windows.remove(pushedOut.source(), pushedOut.window());
            }
            security.addLast(pending);
            countDrop(AuditPriority.BULK);
            return true;
        }
        countDrop(priority);
        return false;
    }

    private void countDrop(AuditPriority priority) {
        long total = (priority == AuditPriority.SECURITY ? droppedSecurity : droppedBulk).incrementAndGet();
        metrics.auditDropped();
        if (Long.bitCount(total) == 1) { // 1, 2, 4, 8...: a flood must not flood the server log either
            LOG.warning("Audit queue full: " + total + " " + priority + " entries dropped so far");
        }
    }

    private Pending poll() {
        synchronized (windows) {
            Pending next = security.pollFirst();
            return next != null ? next : bulk.pollFirst();
        }
    }

    private boolean queued() {
        synchronized (windows) {
            return !security.isEmpty() || !bulk.isEmpty();
        }
    }

    long dropped() {
        return droppedSecurity.get() + droppedBulk.get();
    }

    long dropped(AuditPriority priority) {
        return (priority == AuditPriority.SECURITY ? droppedSecurity : droppedBulk).get();
    }

    private void drainSoon() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            draining.set(false); // the next entry tries again; meanwhile the queue holds them
        }
    }

    private void drain() {
        try {
            for (Pending pending = poll(); pending != null; pending = poll()) {
                try {
                    writer.write(pending.entry());
                    pending.window().written = true;
                } catch (RuntimeException e) {
                    pending.window().failed = true;
                    LOG.log(
                            Level.WARNING,
                            "Audit entry not written: " + pending.entry().getEvent() + " "
                                    + pending.entry().getDetail(),
                            e);
                }
            }
            for (Window window : dirty) {
                if (window.failed) {
                    dirty.remove(window);
                } else if (window.written) {
                    // removed before reading the count: a repeat after this re-adds it
                    dirty.remove(window);
                    writer.count(window.entryId, window.count.get());
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Audit counts not written", e);
        } finally {
            draining.set(false);
        }
        if (queued() || dirty.stream().anyMatch(w -> w.written || w.failed)) {
            drainSoon();
        }
    }
}
