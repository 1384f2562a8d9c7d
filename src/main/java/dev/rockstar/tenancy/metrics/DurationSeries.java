package dev.rockstar.tenancy.metrics;

import java.math.BigDecimal;

/**
 * The request durations of one series (a tenant, or {@value SeriesBudget#OTHER}) as a Prometheus
 * histogram: how many requests took at most each of {@link #BUCKETS} seconds, their count and sum,
 * all counted since start and never lowered, so that {@code rate()} and
 * {@code histogram_quantile()} work on them and the buckets of several nodes add up. The max is
 * kept too, since start. A fixed number of longs per series, however many requests it sees.
 */
final class DurationSeries {

    /**
     * Upper bounds in seconds, those of the Prometheus clients: from 5 ms, where a cached answer
     * lies, to 10 s, beyond which a request has already failed for its user.
     */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private static final double NANOS_PER_SECOND = 1e9;
    private static final long[] BOUNDS_NANOS = new long[BUCKETS.length];

    static {
        for (int i = 0; i < BUCKETS.length; i++) {
            BOUNDS_NANOS[i] = Math.round(BUCKETS[i] * NANOS_PER_SECOND);
        }
    }

    /**
     * One consistent reading of a series, every time in seconds; {@code cumulative[i]} counts the
     * requests of at most {@code BUCKETS[i]} seconds (the {@code +Inf} bucket is the count).
     */
    record Snapshot(long count, double sumSeconds, double maxSeconds, long[] cumulative) {

        double meanSeconds() {
            return count == 0 ? 0 : sumSeconds / count;
        }
    }

    private long count;
    private long sumNanos;
    private long maxNanos;
    private final long[] perBucket = new long[BUCKETS.length];

    synchronized void record(long nanos) {
        count++;
        sumNanos += nanos;
        maxNanos = Math.max(maxNanos, nanos);
        int bucket = bucketOf(nanos);
        if (bucket < perBucket.length) {
            perBucket[bucket]++;
        }
    }

    synchronized Snapshot snapshot() {
        long[] cumulative = new long[perBucket.length];
        long below = 0;
        for (int i = 0; i < perBucket.length; i++) {
            below += perBucket[i];
            cumulative[i] = below;
        }
        return new Snapshot(count, sumNanos / NANOS_PER_SECOND, maxNanos / NANOS_PER_SECOND, cumulative);
    }

    /** The first bucket whose bound is not below the duration, or {@code BUCKETS.length} beyond the last. */
    static int bucketOf(long nanos) {
        int bucket = 0;
        while (bucket < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[bucket]) {
            bucket++;
        }
        return bucket;
    }

    /**
     * The {@code le} label of a bound as the Prometheus clients write it ("0.005", "1", "10"):
     * every node must write the same value for the buckets of several nodes to add up.
     */
    static String label(double bound) {
        return new BigDecimal(Double.toString(bound)).stripTrailingZeros().toPlainString();
    }
}
