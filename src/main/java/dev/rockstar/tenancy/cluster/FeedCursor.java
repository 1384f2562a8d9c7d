package dev.rockstar.tenancy.cluster;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a node is in the change feed, and which ids it still waits for. Ids come from a sequence
 * that hands them out when a transaction writes its row, not when it commits: id 7 may become
 * visible after id 8 was read. So every id skipped over is a gap, waited for a number of polls
 * (the feed is re-read from the oldest gap); one that turns up is taken then, one that never does
 * (a rolled-back transaction) is given up. Not thread-safe: one poller owns it.
 */
final class FeedCursor {

    /** Beyond this many missing ids at once (a sequence that jumped), only the nearest are waited for. */
    static final int MAX_GAPS = 10_000;

    private final long gapPolls;
    private final TreeMap<Long, Long> gaps = new TreeMap<>(); // missing id -> poll after which it is given up
    private long last;
    private long polls;

    /**
     * @param last the highest id already accounted for
     * @param missing ids at or below {@code last} that may still commit
     * @param gapPolls how many polls a missing id is waited for
     */
    FeedCursor(long last, Collection<Long> missing, long gapPolls) {
        this.last = last;
        this.gapPolls = gapPolls;
        missing.forEach(id -> gaps.put(id, gapPolls));
    }

    /** The feed is read from above this id. */
    long readAfter() {
        return gaps.isEmpty() ? last : Math.min(last, gaps.firstKey() - 1);
    }

    /** Whether a row read is new to this node (and so to be acted on); records the ids it skips. */
    boolean accept(long id) {
        if (id > last) {
            for (long missing = Math.max(last + 1, id - MAX_GAPS); missing < id; missing++) {
                gaps.put(missing, polls + gapPolls);
            }
            last = id;
            return true;
        }
        return gaps.remove(id) != null;
    }

    /** A poll succeeded: missing ids age by one poll (only then, so an outage gives none up). */
    void polled() {
        polls++;
        gaps.values().removeIf(expiry -> expiry < polls);
    }

    long last() {
        return last;
    }

    Map<Long, Long> gaps() {
        return gaps;
    }
}
