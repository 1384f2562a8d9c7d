package dev.rockstar.tenancy.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;

/**
 * The transaction horizons a node read over time, so that it prunes a feed row only once the
 * row's writer ended long enough ago for every node to have read it (a node that could not read
 * the feed for that long forgets everything instead). A row's {@code changed_at} cannot tell: it
 * is when the id was taken, and its transaction may commit long after. Not thread-safe: one
 * poller owns it.
 */
final class HorizonHistory {

    private record Reading(Instant at, long horizon) {}

    private final Duration age;
    private final Deque<Reading> readings = new ArrayDeque<>();

    /** @param age how long ago a writer must have ended */
    HorizonHistory(Duration age) {
        this.age = age;
    }

    /** A horizon read at {@code at} or before: every transaction below it had ended by then. */
    void read(Instant at, long horizon) {
        readings.addLast(new Reading(at, horizon));
    }

    /**
     * The newest horizon read at least the age before {@code now}: every transaction below it
     * ended that long ago. Empty while there is none (a node that started since).
     */
    OptionalLong endedBefore(Instant now) {
        Instant cutoff = now.minus(age);
        Reading newest = null;
        while (!readings.isEmpty() && !readings.peekFirst().at().isAfter(cutoff)) {
            newest = readings.pollFirst(); // the older ones are of no use any more
        }
        if (newest == null) {
            return OptionalLong.empty();
        }
        readings.addFirst(newest);
        return OptionalLong.of(newest.horizon());
    }
}
