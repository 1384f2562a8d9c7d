package dev.rockstar.tenancy.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnknownHostBurstsTest {

    private final UnknownHostBursts bursts = new UnknownHostBursts();

    UnknownHostBurstsTest() {
        bursts.threshold = 20;
    }

    @Test
    void theWindowIsAMinuteUnlessConfiguredAndNamedInTheEntry() {
        assertEquals(60_000, bursts.windowMillis());
        assertEquals("a minute", bursts.windowInWords());
        bursts.window = Duration.ofSeconds(15);
        assertEquals("15 seconds", bursts.windowInWords());
        bursts.window = Duration.ofMinutes(5);
        assertEquals("5 minutes", bursts.windowInWords());
        bursts.window = Duration.ZERO;
        assertEquals(1_000, bursts.windowMillis(), "never below a second");
        long start = 1_000_000;
        bursts.window = Duration.ofSeconds(15);
        for (int i = 0; i < 20; i++) {
            bursts.count("probe.test", start);
        }
        assertNull(bursts.close(start + 14_999));
        assertTrue(bursts.close(start + 15_000).startsWith("20 requests within 15 seconds for 1 unknown host"));
    }

    @Test
    void aFloodOfDistinctHostsStaysAtTheBoundAndARealBurstIsStillNamed() {
        long start = 1_000_000;
        for (int i = 0; i < 100_000; i++) {
            bursts.count("made-up-" + i + ".test", start);
            if (i % 5_000 == 0) {
                bursts.count("probe.test", start);
            }
        }
        assertEquals(UnknownHostBursts.MAX_TRACKED_HOSTS, bursts.trackedHosts());
        String entry = bursts.close(start + bursts.windowMillis());
        assertTrue(
                entry.startsWith(
                        "100020 requests within a minute for 100001 unknown hosts; most asked for: 'probe.test' 20, "),
                entry);
    }

    @Test
    void fiftyHostsInAMinuteAreOneEntryNamingTheTopHostsAndTheTotal() {
        long start = 1_000_000;
        int firstBursts = 0;
        for (int h = 0; h < 50; h++) {
            for (int i = 0; i < 20 + h; i++) {
                firstBursts += bursts.count("made-up-" + h + ".test", start + h) ? 1 : 0;
            }
        }
        assertEquals(1, firstBursts, "one entry due for the minute, whatever number of hosts burst in it");
        assertNull(bursts.close(start + bursts.windowMillis() - 1), "not before the minute is over");
        String entry = bursts.close(start + bursts.windowMillis());
        assertEquals(
                "2225 requests within a minute for 50 unknown hosts; most asked for: 'made-up-49.test' 69, "
                        + "'made-up-48.test' 68, 'made-up-47.test' 67, 'made-up-46.test' 66, 'made-up-45.test' 65, "
                        + "'made-up-44.test' 64, 'made-up-43.test' 63, 'made-up-42.test' 62, 'made-up-41.test' 61, "
                        + "'made-up-40.test' 60",
                entry);
        assertNull(bursts.close(start + 3 * bursts.windowMillis()), "written once");
    }

    @Test
    void aMinuteWithoutABurstWritesNothingAndTheNextMinuteCountsAfresh() {
        long start = 1_000_000;
        for (int i = 0; i < 19; i++) {
            assertFalse(bursts.count("probe.test", start + i));
        }
        assertNull(bursts.close(start + bursts.windowMillis()));
        for (int i = 0; i < 19; i++) {
            assertFalse(bursts.count("probe.test", start + bursts.windowMillis() + i));
        }
        assertTrue(bursts.count("probe.test", start + bursts.windowMillis() + 19));
    }
}
