package dev.rockstar.tenancy.reliability;

import dev.rockstar.tenancy.testing.PlacementDatabase;
import dev.rockstar.tenancy.testing.TenancyClient.Reply;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fuzz's outage of its database placement: once during the run, after a warm-up, the
 * placement's database ({@link PlacementDatabase}) is stopped for a few seconds and started again,
 * while the owners, the racing operator and the mover go on. What it excuses is narrow: a 503
 * {@code UNAVAILABLE} for a tenant that was in that placement, or moving into or out of it, at
 * some time since the database began to stop ({@link #affected}); answered before the database was
 * started again, or after it while the tenant has not yet been served again and for at most
 * {@link #GRACE_NANOS} (a request that began before the start may still fail, and a pool may need a
 * moment to see its database back). Every other 5xx is the fuzz's error, as before.
 */
final class PlacementOutage {

    /** After the start, how long an affected tenant not yet served again may still get 503. */
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(15);

    final String placement;
    private final long warmupMillis;
    private final long lengthMillis;
    private volatile long runStart;
    private volatile long stopping;
    private volatile long started;
    private volatile java.time.Instant stoppingAt;
    private volatile java.time.Instant startedAt;
    private volatile boolean over;
    private volatile String failure;

    /** Tenants whose requests may meet the outage: in the placement, or moving into or out of it. */
    private final Set<FuzzTenant> affected = ConcurrentHashMap.newKeySet();
    /** Affected tenants served (a 2xx) after the start: their grace is over. */
    private final Set<FuzzTenant> servedAgain = ConcurrentHashMap.newKeySet();

    private final LongAdder refusedDuring = new LongAdder();
    private final LongAdder refusedAfter = new LongAdder();
    private final LongAdder movesFailed = new LongAdder();
    private final LongAdder offboardedDuring = new LongAdder();

    PlacementOutage(String placement, long warmupMillis, long lengthMillis) {
        this.placement = placement;
        this.warmupMillis = warmupMillis;
        this.lengthMillis = lengthMillis;
    }

    /**
     * The outage thread's work: waits out the warm-up, marks the tenants in the placement at that
     * moment, stops the database, waits, and always starts it again.
     */
    void run(List<FuzzTenant> tenants) {
        runStart = System.nanoTime();
        try {
            Thread.sleep(warmupMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            over = true;
            return;
        }
        stoppingAt = java.time.Instant.now();
        stopping = System.nanoTime();
        // after setting stopping: a tenant coming into the placement from now on marks itself (touch)
        tenants.stream().filter(t -> t.touches(placement)).forEach(affected::add);
        try {
            PlacementDatabase.stop();
            Thread.sleep(lengthMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e.toString();
        } finally {
            try {
                PlacementDatabase.start();
            } catch (RuntimeException e) {
                failure = e.toString();
            }
            started = System.nanoTime();
            startedAt = java.time.Instant.now();
            over = true;
        }
    }

    /** Whether the database began to stop. */
    boolean hasBegun() {
        return stopping != 0;
    }

    /** Whether the database is stopped and started again (or the outage ended early, failing). */
    boolean isOver() {
        return over;
    }

    /** Why stopping or starting the database failed, if it did. */
    String failure() {
        return failure;
    }

    /**
     * Called whenever {@code t} comes into the placement (registered there, a move into or out of
     * it begun): while the outage or its grace lasts, its requests may meet it.
     */
    void touch(FuzzTenant t) {
        if (inWindow() && t.touches(placement)) {
            affected.add(t);
        }
    }

    private boolean inWindow() {
        return stopping != 0 && (started == 0 || System.nanoTime() - started <= GRACE_NANOS);
    }

    /** Whether {@code reply} for {@code t} is the outage's 503 (counted); else it is judged as before. */
    boolean excuses(FuzzTenant t, Reply reply, String code) {
        if (t == null || reply == null || reply.status() != 503 || !"UNAVAILABLE".equals(code)) {
            return false;
        }
        if (!affected.contains(t)) {
            return false;
        }
        long startedAt = started;
        if (startedAt == 0) {
            refusedDuring.increment();
            return true;
        }
        if (!servedAgain.contains(t) && System.nanoTime() - startedAt <= GRACE_NANOS) {
            refusedAfter.increment();
            return true;
        }
        return false;
    }

    /** For a 5xx not excused: where it fell against the outage, and what the tenant had to do with it. */
    String whereIn(FuzzTenant t) {
        long now = System.nanoTime();
        String when = stopping == 0
                ? "before the outage"
                : started == 0
                        ? String.format("%.1f s into the outage", (now - stopping) / 1e9)
                        : String.format("%.1f s after the start", (now - started) / 1e9);
        return " [" + when + "; " + (t == null ? "no tenant" : t.id + " in " + t.placement)
                + (t != null && affected.contains(t) ? ", affected" : "")
                + (t != null && servedAgain.contains(t) ? ", served again" : "") + "]";
    }

    /** A 2xx for {@code t}: after the start, the end of its grace. */
    void served(FuzzTenant t, Reply reply) {
        if (t != null && started != 0 && reply.status() / 100 == 2 && affected.contains(t)) {
            servedAgain.add(t);
        }
    }

    /**
     * Whether a move of {@code t} that ended {@code FAILED} is the outage's: a move into or out of
     * the placement (the tenant then whole where it was, which the final check reads) while the
     * outage or its grace lasted. Counted.
     */
    boolean excusesFailedMove(FuzzTenant t, String from, String to) {
        if ((placement.equals(from) || placement.equals(to)) && affected.contains(t)) {
            movesFailed.increment();
            return true;
        }
        return false;
    }

    /**
     * An acknowledged deletion of {@code t} that may have left its rows in the placement's database:
     * the registry is in the main database, and the placement's rows go after its commit, where they
     * cannot while the database is away (kept out of every client's sight until erased later).
     * Returns whether this deletion may have.
     */
    boolean offboarded(FuzzTenant t) {
        if (affected.contains(t) && inWindow()) {
            offboardedDuring.increment();
            return true;
        }
        return false;
    }

    /** The report's line: when, how long, and what the affected tenants met. */
    String report(long fiveXxOutside) {
        if (stopping == 0) {
            return "  outage of " + placement + ": none\n";
        }
        double at = (stopping - runStart) / 1e9;
        double length = ((started == 0 ? System.nanoTime() : started) - stopping) / 1e9;
        return String.format(
                "  outage of %s's database: stopped %.1f s into the run (%s) for %.1f s (stop to start, %s), %d tenants"
                        + " affected; 503 UNAVAILABLE for them %d during it, %d after the start (grace); moves"
                        + " failed by it %d, deletions during it %d; 5xx outside it %d%s%n",
                placement,
                at,
                stoppingAt,
                length,
                startedAt,
                affected.size(),
                refusedDuring.sum(),
                refusedAfter.sum(),
                movesFailed.sum(),
                offboardedDuring.sum(),
                fiveXxOutside,
                failure == null ? "" : "; FAILED to stop or start: " + failure);
    }
}
