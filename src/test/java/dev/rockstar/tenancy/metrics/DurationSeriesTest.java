package dev.rockstar.tenancy.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DurationSeriesTest {

    private static final long MS = 1_000_000;

    @Test
    void eachBucketCountsTheRequestsWithinItsBound() {
        DurationSeries series = new DurationSeries();
        for (long ms : new long[] {1, 5, 6, 100, 101, 9_000, 20_000}) {
            series.record(ms * MS);
        }
        DurationSeries.Snapshot s = series.snapshot();
        // bounds 0.005 0.01 0.025 0.05 0.1 0.25 0.5 1 2.5 5 10; a bound holds what equals it
        assertArrayEquals(new long[] {2, 3, 3, 3, 4, 5, 5, 5, 5, 5, 6}, s.cumulative());
        assertEquals(7, s.count(), "the last request lies beyond every bound: only +Inf (the count) holds it");
        assertEquals(29.213, s.sumSeconds(), 1e-9);
        assertEquals(20.0, s.maxSeconds(), 1e-12);
        assertEquals(29.213 / 7, s.meanSeconds(), 1e-9);
    }

    @Test
    void bucketsOnlyGrowHoweverManyRequests() {
        DurationSeries series = new DurationSeries();
        for (int i = 0; i < 5000; i++) {
            series.record(2000 * MS);
        }
        long[] before = series.snapshot().cumulative();
        for (int i = 0; i < 5000; i++) {
            series.record(MS);
        }
        DurationSeries.Snapshot s = series.snapshot();
        assertEquals(10_000, s.count());
        assertEquals(5000, s.cumulative()[0], "the fast ones");
        assertEquals(10_000, s.cumulative()[8], "all of them within 2.5 s");
        for (int i = 0; i < before.length; i++) {
            assertTrue(s.cumulative()[i] >= before[i], "bucket " + i);
        }
        assertEquals(2.0, s.maxSeconds(), 1e-12, "the max is since start");
    }

    @Test
    void anEmptySeriesCountsNothing() {
        DurationSeries.Snapshot s = new DurationSeries().snapshot();
        assertEquals(0, s.count());
        assertEquals(0, s.meanSeconds());
        assertArrayEquals(new long[DurationSeries.BUCKETS.length], s.cumulative());
    }

    @Test
    void boundsAreLabelledAsThePrometheusClientsWriteThem() {
        assertEquals("0.005", DurationSeries.label(0.005));
        assertEquals("0.1", DurationSeries.label(0.1));
        assertEquals("1", DurationSeries.label(1));
        assertEquals("2.5", DurationSeries.label(2.5));
        assertEquals("10", DurationSeries.label(10));
    }

    @Test
    void aDurationOnABoundBelongsToThatBucket() {
        assertEquals(0, DurationSeries.bucketOf(0));
        assertEquals(0, DurationSeries.bucketOf(5 * MS));
        assertEquals(1, DurationSeries.bucketOf(5 * MS + 1));
        assertEquals(DurationSeries.BUCKETS.length, DurationSeries.bucketOf(10_000 * MS + 1));
    }
}
