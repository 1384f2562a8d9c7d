package dev.rockstar.tenancy.metrics;

import java.util.Arrays;

/**
 * The request durations of one series (a tenant, or {@value SeriesBudget#OTHER}): count, sum and
 * max since start, and quantiles over the last {@value #WINDOW} requests. Both backends read it,
 * so Payara and the application's own registry report the same numbers the same way. The window,
 * not the traffic, bounds the memory a tenant costs: at most {@value #WINDOW} longs, and a tenant
 * seen a few times holds only a few.
 */
final class DurationSeries {

    /** The quantiles MicroProfile Metrics gives a timer, so dashboards find the same series everywhere. */
    static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};

    static final int WINDOW = 1024;
    private static final int FIRST_CAPACITY = 16;
    private static final double NANOS_PER_SECOND = 1e9;

    /** One consistent reading of a series, every time in seconds. */
    record Snapshot(long count, double sumSeconds, double maxSeconds, double[] quantileSeconds) {

        double meanSeconds() {
            return count == 0 ? 0 : sumSeconds / count;
        }

        double quantile(int index) {
            return quantileSeconds[index];
        }
    }

    private long count;
    private long sumNanos;
    private long maxNanos;
    private long[] window = new long[FIRST_CAPACITY];
    private int size;
    private int oldest;
    // A scrape reads several quantiles of one series (Payara: one gauge each); sort once per change.
    private Snapshot snapshot;

    synchronized void record(long nanos) {
        count++;
        sumNanos += nanos;
        maxNanos = Math.max(maxNanos, nanos);
        if (size == window.length && size < WINDOW) {
            window = Arrays.copyOf(window, Math.min(WINDOW, size * 2));
        }
        if (size < window.length) {
            window[size++] = nanos;
        } else {
            window[oldest] = nanos;
            oldest = (oldest + 1) % WINDOW;
        }
    }

    synchronized Snapshot snapshot() {
        if (snapshot == null || snapshot.count() != count) {
            long[] sorted = Arrays.copyOf(window, size);
            Arrays.sort(sorted);
            double[] quantiles = new double[QUANTILES.length];
            for (int i = 0; i < QUANTILES.length; i++) {
                quantiles[i] = size == 0 ? Double.NaN : sorted[rank(QUANTILES[i], size)] / NANOS_PER_SECOND;
            }
            snapshot = new Snapshot(count, sumNanos / NANOS_PER_SECOND, maxNanos / NANOS_PER_SECOND, quantiles);
        }
        return snapshot;
    }

    /**
     * Nearest rank: the smallest sample that at least a share {@code q} of the window does not
     * exceed. The epsilon keeps products such as 0.95 * 20 from rounding up past their integer.
     */
    static int rank(double q, int n) {
        int rank = (int) Math.ceil(q * n - 1e-9);
        return Math.max(0, Math.min(n, rank) - 1);
    }

    /** The label value of a quantile, as MicroProfile Metrics writes it. */
    static String label(double quantile) {
        return Double.toString(quantile);
    }
}
