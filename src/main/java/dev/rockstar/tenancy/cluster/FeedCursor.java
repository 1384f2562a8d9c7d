package dev.rockstar.tenancy.cluster;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a node is in the change feed, and which ids it still waits for. Ids come from a sequence
 * that hands them out when a transaction writes its row, not when it commits: id 7 may become
 * visible after id 8 was read, minutes later if its transaction is a big tenant's offboarding. So
 * every id skipped over is a gap (the feed is re-read from the oldest gap); one that turns up is
 * taken then, and one is given up only when it can no longer commit:
 * <ul>
 * <li>{@linkplain #byHorizon By the transaction horizon} (PostgreSQL). A feed row's writer takes
 * its transaction id before the row's id ({@link ClusterStore#insert}), and the id was taken
 * before a higher one that the read saw committed (the sequence caches no ids, so it hands them
 * out in the order they are asked for); so the writer of a missing id holds a
 * transaction id below one taken after that read, the gap's bound ({@link #bound}). Once the
 * oldest transaction still running, the horizon, is at or above the bound, that writer has ended:
 * committed, and the read that follows shows the id, or rolled back, and it never will.</li>
 * <li>{@linkplain #byPolls After a number of polls} where the database shows no horizon (H2, one
 * node, whose own rows the poller skips anyway).</li>
 * </ul>
 * Gaps age only with successful polls, so an outage gives none up. Not thread-safe: one poller owns it.
 */
final class FeedCursor {

    /** Beyond this many missing ids at once (a sequence that jumped), only the nearest are waited for. */
    static final int MAX_GAPS = 10_000;

    // A gap whose bound is not known yet; no horizon passes it.
    private static final long UNBOUND = Long.MAX_VALUE;
    private static final long NEVER = Long.MAX_VALUE;

    /** A missing id: since when it is waited for, the transaction id below which its writer is, the poll after which it is given up. */
    private record Gap(Instant since, long bound, long lastPoll) {}

    /** The gap waited for longest. */
    record Waiting(long id, Instant since) {}

    private final boolean byHorizon;
    private final long gapPolls;
    private final TreeMap<Long, Gap> gaps = new TreeMap<>();
    private long last;
    private long polls;
    private Instant polledAt;

    private FeedCursor(long last, Collection<Long> missing, boolean byHorizon, long gapPolls, Instant now) {
        this.last = last;
        this.byHorizon = byHorizon;
        this.gapPolls = gapPolls;
        this.polledAt = now;
        missing.forEach(this::missing);
    }

    /**
     * A cursor that waits for a missing id until no transaction that may commit it runs.
     *
     * @param last the highest id already accounted for
     * @param missing ids at or below {@code last} that may still commit
     */
    static FeedCursor byHorizon(long last, Collection<Long> missing, Instant now) {
        return new FeedCursor(last, missing, true, 0, now);
    }

    /**
     * A cursor that waits for a missing id a number of polls, where the database shows no
     * transaction horizon: an id whose transaction outlasts them is missed.
     */
    static FeedCursor byPolls(long last, Collection<Long> missing, long gapPolls, Instant now) {
        return new FeedCursor(last, missing, false, gapPolls, now);
    }

    /** The feed is read from above this id. */
    long readAfter() {
        return gaps.isEmpty() ? last : Math.min(last, gaps.firstKey() - 1);
    }

    /** Whether a row read is new to this node (and so to be acted on); records the ids it skips. */
    boolean accept(long id) {
        if (id > last) {
            for (long missing = Math.max(last + 1, id - MAX_GAPS); missing < id; missing++) {
                missing(missing);
            }
            last = id;
            return true;
        }
        return gaps.remove(id) != null;
    }

    private void missing(long id) {
        // since: the end of the last poll, not later than the read that found the id missing
        gaps.put(id, new Gap(polledAt, UNBOUND, byHorizon ? NEVER : polls + gapPolls));
    }

    /** Whether some gap waits for its bound: a transaction id to be taken after the read that found it. */
    boolean needsBound() {
        return byHorizon && gaps.values().stream().anyMatch(gap -> gap.bound() == UNBOUND);
    }

    /**
     * The gaps found so far get their bound.
     *
     * @param transactionId a transaction id taken after every read that found them
     */
    void bound(long transactionId) {
        gaps.replaceAll(
                (id, gap) -> gap.bound() == UNBOUND ? new Gap(gap.since(), transactionId, gap.lastPoll()) : gap);
    }

    /** Whether the next poll needs the horizon, to be read before the feed: some gap has a bound it may pass. */
    boolean needsHorizon() {
        return byHorizon && gaps.values().stream().anyMatch(gap -> gap.bound() != UNBOUND);
    }

    /**
     * A poll succeeded: the gaps whose writers have all ended, or that waited their polls, are
     * given up.
     *
     * @param horizon the oldest transaction id running when the poll began, read before the
     *        feed; empty when the cursor did not need it
     */
    void polled(OptionalLong horizon, Instant now) {
        polls++;
        gaps.values()
                .removeIf(gap -> gap.lastPoll() < polls
                        || horizon.isPresent() && gap.bound() != UNBOUND && gap.bound() <= horizon.getAsLong());
        polledAt = now;
    }

    /** The gap waited for longest, if any. */
    Optional<Waiting> longestWaiting() {
        return gaps.entrySet().stream()
                .min(Comparator.comparing(
                                (Map.Entry<Long, Gap> gap) -> gap.getValue().since())
                        .thenComparing(Map.Entry::getKey))
                .map(gap -> new Waiting(gap.getKey(), gap.getValue().since()));
    }

    long last() {
        return last;
    }

    Set<Long> gaps() {
        return gaps.keySet();
    }
}
