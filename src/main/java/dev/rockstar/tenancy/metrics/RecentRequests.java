package dev.rockstar.tenancy.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per minute over the last {@value #MINUTES} minutes, per series (a tenant, or
 * {@value SeriesBudget#OTHER}): what the console's dashboard and a tenant's footprint draw. A
 * ring of {@value #MINUTES} counters per series, the series bounded by the same
 * {@link SeriesBudget} as the metrics, so memory stays fixed however many tenants there are.
 */
final class RecentRequests {

    static final int MINUTES = 15;

    private final Map<String, Ring> rings = new ConcurrentHashMap<>();

    /** The counters of one series: slot {@code minute % MINUTES} holds that minute's count. */
    private static final class Ring {

        private final long[] counts = new long[MINUTES];
        private final long[] minutes = new long[MINUTES];

        synchronized void add(long minute) {
            int slot = (int) (minute % MINUTES);
            if (minutes[slot] != minute) {
                minutes[slot] = minute;
                counts[slot] = 0;
            }
            counts[slot]++;
        }

        synchronized long[] last(long now) {
            long[] last = new long[MINUTES];
            for (int i = 0; i < MINUTES; i++) {
                long minute = now - (MINUTES - 1) + i;
                int slot = (int) (minute % MINUTES);
                last[i] = minute >= 0 && minutes[slot] == minute ? counts[slot] : 0;
            }
            return last;
        }
    }

    void record(String series, long minute) {
        rings.computeIfAbsent(series, s -> new Ring()).add(minute);
    }

    void forget(String series) {
        rings.remove(series);
    }

    /** The counts of the minutes up to and including {@code now}, oldest first; zeros for a series never seen. */
    long[] last(String series, long now) {
        Ring ring = rings.get(series);
        return ring == null ? new long[MINUTES] : ring.last(now);
    }

    /** Every series with a request in the window, with its counts. */
    Map<String, long[]> all(long now) {
        Map<String, long[]> all = new ConcurrentHashMap<>();
        rings.forEach((series, ring) -> {
            long[] counts = ring.last(now);
            for (long count : counts) {
                if (count > 0) {
                    all.put(series, counts);
                    break;
                }
            }
        });
        return all;
    }
}
