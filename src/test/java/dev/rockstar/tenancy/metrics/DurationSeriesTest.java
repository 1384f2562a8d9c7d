package dev.rockstar.tenancy.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DurationSeriesTest {

    private static final long MS = 1_000_000;

    @Test
    void quantilesAreNearestRanksInSeconds() {
        DurationSeries series = new DurationSeries();
        for (int ms = 20; ms >= 1; ms--) {
            series.record(ms * MS);
        }
        DurationSeries.Snapshot s = series.snapshot();
        // 0.5, 0.75, 0.95, 0.98, 0.99, 0.999 of 1..20 ms
        assertArrayEquals(new double[] {0.010, 0.015, 0.019, 0.020, 0.020, 0.020}, s.quantileSeconds(), 1e-12);
        assertEquals(20, s.count());
        assertEquals(0.210, s.sumSeconds(), 1e-12);
        assertEquals(0.020, s.maxSeconds(), 1e-12);
        assertEquals(0.0105, s.meanSeconds(), 1e-12);
    }

    @Test
    void oneSampleIsEveryQuantile() {
        DurationSeries series = new DurationSeries();
        series.record(22 * MS);
        for (double q : series.snapshot().quantileSeconds()) {
            assertEquals(0.022, q, 1e-12);
        }
    }

    @Test
    void quantilesFollowTheLastWindowWhileTotalsCoverEverything() {
        DurationSeries series = new DurationSeries();
        for (int i = 0; i < DurationSeries.WINDOW; i++) {
            series.record(1000 * MS);
        }
        for (int i = 0; i < DurationSeries.WINDOW; i++) {
            series.record(MS);
        }
        DurationSeries.Snapshot s = series.snapshot();
        assertEquals(0.001, s.quantile(DurationSeries.QUANTILES.length - 1), 1e-12, "the slow ones left the window");
        assertEquals(1.0, s.maxSeconds(), 1e-12, "the max is since start");
        assertEquals(2L * DurationSeries.WINDOW, s.count());
        assertEquals(DurationSeries.WINDOW * 1.001, s.sumSeconds(), 1e-6);
    }

    @Test
    void aHalfReplacedWindowMixesOldAndNew() {
        DurationSeries series = new DurationSeries();
        for (int i = 0; i < DurationSeries.WINDOW + DurationSeries.WINDOW / 2; i++) {
            series.record((i < DurationSeries.WINDOW ? 1000 : 1) * MS);
        }
        DurationSeries.Snapshot s = series.snapshot();
        assertEquals(0.001, s.quantile(0), 1e-12, "half the window is new: the median is a new one");
        assertEquals(1.0, s.quantile(1), 1e-12, "the older half is still there");
    }

    @Test
    void aScrapeSortsOncePerChange() {
        DurationSeries series = new DurationSeries();
        series.record(MS);
        DurationSeries.Snapshot first = series.snapshot();
        assertSame(first, series.snapshot());
        series.record(2 * MS);
        assertTrue(series.snapshot() != first);
    }

    @Test
    void ranksStayInsideTheWindow() {
        assertEquals(0, DurationSeries.rank(0.5, 1));
        assertEquals(18, DurationSeries.rank(0.95, 20));
        assertEquals(1022, DurationSeries.rank(0.999, 1024));
        assertEquals(0, DurationSeries.rank(0.0, 10));
        assertEquals(9, DurationSeries.rank(1.0, 10));
    }
}
