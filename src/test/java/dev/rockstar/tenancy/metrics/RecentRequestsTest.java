package dev.rockstar.tenancy.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecentRequestsTest {

    private static final int N = RecentRequests.MINUTES;

    @Test
    void countsEachMinuteOfTheWindowOldestFirst() {
        RecentRequests recent = new RecentRequests();
        recent.record("acme", 1000);
        recent.record("acme", 1000);
        recent.record("acme", 1002);

        long[] last = recent.last("acme", 1002);
        assertEquals(N, last.length);
        assertEquals(2, last[N - 3]);
        assertEquals(0, last[N - 2]);
        assertEquals(1, last[N - 1]);
    }

    @Test
    void minutesOlderThanTheWindowCountNothingEvenWhenTheirSlotIsReused() {
        RecentRequests recent = new RecentRequests();
        recent.record("acme", 1000);
        assertArrayEquals(new long[N], recent.last("acme", 1000 + N));

        recent.record("acme", 1000 + N); // the same slot, a new minute
        long[] last = recent.last("acme", 1000 + N);
        assertEquals(1, last[N - 1]);
        assertEquals(1, Arrays.stream(last).sum());
    }

    @Test
    void onlySeriesWithRequestsInTheWindowAreListedAndForgottenOnesAreGone() {
        RecentRequests recent = new RecentRequests();
        recent.record("acme", 10);
        recent.record("globex", 100);
        recent.record("initech", 100);
        recent.forget("initech");

        assertEquals(Set.of("globex"), recent.all(100).keySet());
        assertTrue(recent.all(20).containsKey("acme"));
        assertArrayEquals(new long[N], recent.last("nobody", 100));
    }
}
