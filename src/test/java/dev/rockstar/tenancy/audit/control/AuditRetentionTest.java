package dev.rockstar.tenancy.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditRetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private final List<String> batches = new ArrayList<>();
    private final AuditRetention retention = new AuditRetention();
    private long oldRows;

    AuditRetentionTest() {
        retention.retentionDays = 400;
        retention.batch = 1000;
        retention.clock = NOW::toEpochMilli;
        retention.writer = new AuditWriter() {
            @Override
            int pruneBefore(Instant cutoff, int limit) {
                int rows = (int) Math.min(limit, oldRows);
                oldRows -= rows;
                batches.add(cutoff + " " + limit + " " + rows);
                return rows;
            }
        };
    }

    @Test
    void oldRowsGoInBatchesUntilABatchComesBackShort() {
        oldRows = 2_500;
        assertEquals(2_500, retention.prune());
        String cutoff = NOW.minus(Duration.ofDays(400)).toString();
        assertEquals(List.of(cutoff + " 1000 1000", cutoff + " 1000 1000", cutoff + " 1000 500"), batches);
    }

    @Test
    void aRunIsBoundedAndTheNextOneGoesOn() {
        oldRows = 1_000_000;
        assertEquals(AuditRetention.MAX_BATCHES_PER_RUN * 1000L, retention.prune());
        assertEquals(AuditRetention.MAX_BATCHES_PER_RUN, batches.size());
        retention.prune();
        assertEquals(800_000, oldRows);
    }
}
