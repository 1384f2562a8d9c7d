package dev.rockstar.tenancy.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.rockstar.tenancy.tenant.entity.UnknownHostRequested;

class UnknownHostBurstsTest {

    private final List<String> recorded = new ArrayList<>();
    private final UnknownHostBursts bursts = new UnknownHostBursts();

    UnknownHostBurstsTest() {
        bursts.threshold = 20;
        bursts.audit = new AuditLog() {
            @Override
            public void record(String tenantId, String event, String detail) {
                recorded.add(event + " " + detail);
            }
        };
    }

    @Test
    void aFloodOfDistinctHostsStaysAtTheBoundAndARealBurstIsStillAudited() {
        for (int i = 0; i < 100_000; i++) {
            bursts.onUnknownHost(new UnknownHostRequested("made-up-" + i + ".test"));
            if (i % 5_000 == 0) {
                bursts.onUnknownHost(new UnknownHostRequested("probe.test"));
            }
        }
        assertEquals(UnknownHostBursts.MAX_TRACKED_HOSTS, bursts.trackedHosts());
        assertEquals(List.of("UNKNOWN_HOST_BURST 20 requests within a minute for the unknown host 'probe.test'"), recorded);
    }

    @Test
    void oneBurstIsAuditedOncePerWindow() {
        long start = 1_000_000;
        for (int i = 0; i < 50; i++) {
            bursts.count("probe.test", start + i);
        }
        assertEquals(50, bursts.count("probe.test", start + UnknownHostBursts.WINDOW_MILLIS - 1) - 1);
        assertEquals(1, bursts.count("probe.test", start + UnknownHostBursts.WINDOW_MILLIS));
    }
}
