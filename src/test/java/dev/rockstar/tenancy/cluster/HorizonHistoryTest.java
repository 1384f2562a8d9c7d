package dev.rockstar.tenancy.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HorizonHistoryTest {

    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void aNodeThatReadNoHorizonLongEnoughAgoNamesNone() {
        HorizonHistory history = new HorizonHistory(Duration.ofHours(1));
        assertEquals(OptionalLong.empty(), history.endedBefore(T0));
        history.read(T0, 100);
        assertEquals(
                OptionalLong.empty(),
                history.endedBefore(T0.plusSeconds(3599)),
                "a writer that ended less than an hour ago is kept, however old its row's time");
    }

    @Test
    void theNewestHorizonAtLeastTheAgeOldCounts() {
        HorizonHistory history = new HorizonHistory(Duration.ofHours(1));
        history.read(T0, 100);
        history.read(T0.plusSeconds(60), 110);
        history.read(T0.plusSeconds(120), 130);
        assertEquals(OptionalLong.of(110), history.endedBefore(T0.plusSeconds(3660)));
        assertEquals(OptionalLong.of(110), history.endedBefore(T0.plusSeconds(3661)), "asked again, the same");
        assertEquals(OptionalLong.of(130), history.endedBefore(T0.plusSeconds(7200)));
    }
}
