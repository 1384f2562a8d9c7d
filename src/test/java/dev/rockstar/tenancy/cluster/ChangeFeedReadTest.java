package dev.rockstar.tenancy.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ChangeFeedReadTest {

    @Test
    void aGapWithMoreThanABatchAboveItIsReadPastInOnePoll() {
        // 11 is held open by a long transaction while 2,500 changes commit above it
        List<ClusterStore.Row> feed = LongStream.rangeClosed(12, 2511)
                .mapToObj(id -> new ClusterStore.Row(id, "CHANGED", "t" + id, "", "other"))
                .toList();
        AtomicInteger reads = new AtomicInteger();
        BiFunction<Long, Integer, List<ClusterStore.Row>> after = (position, limit) -> {
            if (reads.incrementAndGet() > 10) {
                fail("read the feed from " + position + " again and again");
            }
            return feed.stream().filter(row -> row.id() > position).limit(limit).toList();
        };
        FeedCursor cursor = FeedCursor.byHorizon(10, List.of(), Instant.EPOCH);
        List<Long> acted = new ArrayList<>();

        // Read from the cursor's position after each batch, this never ended: the gap keeps it at 10.
        ChangeFeedPoller.read(cursor, after, 1000, row -> acted.add(row.id()));
        assertEquals(3, reads.get());
        assertEquals(2500, acted.size());
        assertEquals(2511, cursor.last());
        assertEquals(10, cursor.readAfter(), "11 is still waited for");
    }

    @Test
    void aQueryLogRowCarriesItsSettingAndLeavesTheTenantAlone() {
        ClusterChange change = ChangeFeedPoller.changeOf(
                new ClusterStore.Row(5, "QUERY_LOG", "acme", "on millis=60000 values=true", "other"));
        assertEquals(ClusterChange.Kind.QUERY_LOG, change.kind());
        assertEquals("on millis=60000 values=true", change.setting());
        assertEquals(java.util.Set.of(), change.hosts());
        assertEquals(false, change.clearsCache());
        assertEquals(false, change.changesTenant());
        ClusterChange registry =
                ChangeFeedPoller.changeOf(new ClusterStore.Row(6, "CHANGED", "acme", "a.test", "other"));
        assertEquals(true, registry.changesTenant());
        assertEquals(null, registry.setting());
    }
}
