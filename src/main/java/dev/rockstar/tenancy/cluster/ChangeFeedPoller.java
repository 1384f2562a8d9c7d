package dev.rockstar.tenancy.cluster;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Follows the change feed: every {@code tenancy.cluster.poll-millis} one indexed query for the
 * rows above where this node is, and a {@link ClusterChange} for each row another node wrote, so
 * the observers forget what they hold of that tenant. A node starts at the end of the feed (what
 * it holds in memory it reads on demand, from the current state). While the database is away it
 * keeps trying and resolves from memory; back, it reads what it missed. An id that is missing
 * below one read is waited for as long as a transaction that may commit it runs, where the
 * database tells (PostgreSQL), else {@code tenancy.cluster.gap-seconds} ({@link FeedCursor}). A
 * node that could not read the feed for longer than half its retention may have lost rows to
 * pruning and forgets everything instead. Each node prunes rows older than
 * {@code tenancy.cluster.retention-seconds} whose writer, on PostgreSQL, ended at least that long ago.
 */
@ApplicationScoped
class ChangeFeedPoller {

    private static final Logger LOG = Logger.getLogger(ChangeFeedPoller.class.getName());
    private static final int BATCH = 1000;
    // A node that starts waits this far back for ids that were handed out but not yet committed.
    private static final int START_WINDOW = 1000;
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    @Inject
    @ConfigProperty(name = "tenancy.cluster.poll-millis", defaultValue = "250")
    long pollMillis;

    @Inject
    @ConfigProperty(name = "tenancy.cluster.gap-seconds", defaultValue = "30")
    long gapSeconds;

    @Inject
    @ConfigProperty(name = "tenancy.cluster.retention-seconds", defaultValue = "3600")
    long retentionSeconds;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ClusterStore store;

    @Inject
    ClusterNode node;

    @Inject
    Event<ClusterChange> changes;

    private FeedCursor cursor;
    private HorizonHistory horizons; // null where the database shows no transaction horizon
    private long reportedGap;
    private volatile Instant lastRead = Instant.now();
    private Instant lastPruned = Instant.EPOCH;
    private boolean failing;
    private Recurring polling;
    /** Every id of the feed up to this one has been read here (none of them still missing). */
    private volatile long applied;

    void start(@Observes Startup startup) {
        polling =
                Recurring.start(scheduler, "the change feed's poll", 0, pollMillis, TimeUnit.MILLISECONDS, this::poll);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (polling != null) {
            polling.stop();
        }
    }

    // One run at a time (fixed delay), so the cursor needs no lock; the executor orders the runs.
    private void poll() {
        try {
            boolean mayHaveMissedRows =
                    cursor != null && Duration.between(lastRead, Instant.now()).getSeconds() > retentionSeconds / 2;
            if (cursor == null) {
                cursor = startingCursor();
            }
            // Before the read: a missing id whose writers all ended by now is in it, if it committed.
            OptionalLong horizon = cursor.needsHorizon() ? OptionalLong.of(store.horizon()) : OptionalLong.empty();
            read(cursor, store::after, BATCH, row -> {
                if (!node.id().equals(row.nodeId())) {
                    fire(changeOf(row));
                }
            });
            if (cursor.needsBound()) {
                // After the read: above the transaction of every id it found missing.
                cursor.bound(store.newTransactionId());
            }
            if (mayHaveMissedRows) {
                // Only once the feed is readable again: until then memory is all requests have.
                LOG.warning("The change feed was unreadable since " + lastRead
                        + "; forgetting every tenant held in memory");
                fire(new ClusterChange(ClusterChange.Kind.ALL, null, null));
            }
            cursor.polled(horizon, Instant.now());
            long read = cursor.readAfter();
            if (read > applied) {
                store.readUpTo(
                        node.id(), read); // a move waiting for this node learns it now, not at the next heartbeat
            }
            applied = read;
            lastRead = Instant.now();
            reportLongWait();
            prune();
            if (failing) {
                failing = false;
                LOG.info("The change feed is readable again; caught up to " + cursor.last());
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(Level.WARNING, "Cannot read the change feed; serving tenants from memory until it is back", e);
            }
        }
    }

    /** When this node last read the feed to its end: what another node wrote before that is known here. */
    Instant lastRead() {
        return lastRead;
    }

    /** How far this node has read the feed: every change up to this id is known here. */
    long applied() {
        return applied;
    }

    /** Reads the feed from where the cursor is, in batches, and hands on each row new to it. */
    static void read(
            FeedCursor cursor,
            BiFunction<Long, Integer, List<ClusterStore.Row>> after,
            int batch,
            Consumer<ClusterStore.Row> newRow) {
        long position = cursor.readAfter();
        List<ClusterStore.Row> rows;
        do {
            rows = after.apply(position, batch);
            for (ClusterStore.Row row : rows) {
                if (cursor.accept(row.id())) {
                    newRow.accept(row);
                }
                // on from the batch, not from the cursor, which stays below a gap still open
                position = row.id();
            }
        } while (rows.size() == batch);
    }

    private FeedCursor startingCursor() {
        long last = store.lastId();
        long from = Math.max(1, last - START_WINDOW + 1);
        Set<Long> present = new HashSet<>(store.idsBetween(from, last));
        List<Long> missing = new ArrayList<>();
        for (long id = from; id <= last; id++) {
            if (!present.contains(id)) {
                missing.add(id);
            }
        }
        LOG.info(() -> "Following the change feed from " + last + " every " + pollMillis + " ms");
        if (store.hasTransactionHorizon()) {
            horizons = new HorizonHistory(Duration.ofSeconds(retentionSeconds));
            return FeedCursor.byHorizon(last, missing, Instant.now());
        }
        LOG.info(() -> "The database shows no transaction horizon: a change feed id missing for " + gapSeconds
                + " s (tenancy.cluster.gap-seconds) is given up");
        return FeedCursor.byPolls(last, missing, Math.max(1, gapSeconds * 1000 / pollMillis), Instant.now());
    }

    /** Once per id: a missing id waited for beyond gap-seconds, so an operator can tell what holds the feed up. */
    private void reportLongWait() {
        if (horizons == null) {
            return; // given up after gap-seconds anyway
        }
        cursor.longestWaiting()
                .filter(waiting -> waiting.id() != reportedGap
                        && Duration.between(waiting.since(), Instant.now()).getSeconds() >= gapSeconds)
                .ifPresent(waiting -> {
                    reportedGap = waiting.id();
                    LOG.info(() -> "Change feed id " + waiting.id() + " is missing since " + waiting.since()
                            + ": a transaction that may still commit it is open (a long offboarding?); waiting for it");
                });
    }

    private void prune() {
        Instant now = Instant.now();
        if (Duration.between(lastPruned, now).compareTo(PRUNE_EVERY) >= 0) {
            lastPruned = now;
            long writersBelow = Long.MAX_VALUE; // no horizon: by time alone
            if (horizons != null) {
                long horizon = store.horizon();
                horizons.read(Instant.now(), horizon);
                writersBelow = horizons.endedBefore(now).orElse(Long.MIN_VALUE);
            }
            int pruned = store.pruneBefore(now.minusSeconds(retentionSeconds), writersBelow);
            LOG.fine(() -> "Pruned " + pruned + " change feed rows");
        }
    }

    private void fire(ClusterChange change) {
        try {
            changes.fire(change);
        } catch (RuntimeException e) {
            // One observer's failure must not stop the feed; the change is logged, not retried.
            LOG.log(Level.WARNING, "Applying " + change + " from the change feed failed", e);
        }
    }

    static ClusterChange changeOf(ClusterStore.Row row) {
        ClusterChange.Kind kind;
        try {
            kind = ClusterChange.Kind.valueOf(row.kind());
        } catch (IllegalArgumentException newerNode) {
            kind = ClusterChange.Kind.CHANGED; // a kind of a newer version: forget the tenant, the safe side
        }
        if (kind == ClusterChange.Kind.QUERY_LOG) {
            // the row's text is the setting, not hosts
            return new ClusterChange(kind, row.tenantId(), Set.of(), row.hosts());
        }
        Set<String> hosts = row.hosts() == null
                ? null
                : row.hosts().isEmpty() ? Set.of() : Set.of(row.hosts().split(","));
        return new ClusterChange(kind, row.tenantId(), hosts);
    }
}
