package dev.rockstar.tenancy.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedCursorTest {

    private static final OptionalLong NO_HORIZON = OptionalLong.empty();
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

    private Instant now = T0;

    private Instant tick() {
        now = now.plusMillis(250);
        return now;
    }

    private FeedCursor byPolls(long last, long gapPolls) {
        return FeedCursor.byPolls(last, List.of(), gapPolls, now);
    }

    // Both kinds of cursor, for what they share.
    private List<FeedCursor> both(long last) {
        return List.of(byPolls(last, 4), FeedCursor.byHorizon(last, List.of(), now));
    }

    @Test
    void rowsInOrderAreTakenOnceAndTheReadMovesOn() {
        for (FeedCursor cursor : both(10)) {
            assertTrue(cursor.accept(11));
            assertTrue(cursor.accept(12));
            assertFalse(cursor.accept(12), "a row read again is not acted on twice");
            assertFalse(cursor.needsBound(), "no gap: nothing to wait for");
            cursor.polled(NO_HORIZON, tick());
            assertEquals(12, cursor.readAfter());
        }
    }

    @Test
    void anIdCommittedLateIsStillTaken() {
        for (FeedCursor cursor : both(10)) {
            assertTrue(cursor.accept(12)); // 11 was handed out first but commits later
            cursor.polled(NO_HORIZON, tick());
            assertEquals(10, cursor.readAfter(), "the feed is re-read from the gap");
            assertFalse(cursor.accept(12));
            assertTrue(cursor.accept(11));
            cursor.polled(NO_HORIZON, tick());
            assertEquals(12, cursor.readAfter());
            assertFalse(cursor.accept(11));
        }
    }

    @Test
    void withoutAHorizonAGapThatNeverFillsIsGivenUpAfterItsPolls() {
        FeedCursor cursor = byPolls(10, 3);
        cursor.accept(12);
        assertFalse(cursor.needsBound(), "no transaction ids where there is no horizon");
        for (int i = 0; i < 3; i++) {
            cursor.polled(NO_HORIZON, tick());
            assertEquals(10, cursor.readAfter());
        }
        cursor.polled(NO_HORIZON, tick());
        assertEquals(12, cursor.readAfter(), "a rolled-back id is not waited for forever");
        assertFalse(cursor.accept(11), "and not acted on if it ever shows");
    }

    @Test
    void withoutAHorizonGapsAgeOnlyWithSuccessfulPolls() {
        FeedCursor cursor = byPolls(10, 2);
        cursor.accept(12);
        // an outage: no polls succeed, however long it lasts
        now = now.plusSeconds(3600);
        assertEquals(10, cursor.readAfter());
        cursor.polled(NO_HORIZON, tick());
        assertTrue(cursor.accept(11));
    }

    @Test
    void byHorizonAnIdWhoseTransactionOutlastsAnyNumberOfPollsIsStillTaken() {
        FeedCursor cursor = FeedCursor.byHorizon(10, List.of(), now);
        cursor.accept(12); // 11: a big tenant's offboarding, still deleting
        assertTrue(cursor.needsBound());
        cursor.bound(500); // a transaction id taken after the read: the offboarding's is below it
        assertFalse(cursor.needsBound());
        assertTrue(cursor.needsHorizon());
        for (int i = 0; i < 100_000; i++) {
            cursor.polled(OptionalLong.of(480), tick()); // the offboarding (480) still runs
        }
        assertEquals(10, cursor.readAfter(), "still waited for, ~7 hours of polls later");
        assertTrue(cursor.accept(11), "and acted on when it commits");
        assertFalse(cursor.needsHorizon());
    }

    @Test
    void byHorizonAGapIsGivenUpOnceEveryTransactionBelowItsBoundEnded() {
        FeedCursor cursor = FeedCursor.byHorizon(10, List.of(), now);
        cursor.accept(12);
        cursor.bound(500);
        cursor.polled(OptionalLong.of(499), tick());
        assertEquals(10, cursor.readAfter(), "transaction 499 may hold the id");
        // the horizon was read before the poll's read, and 11 was not in it: rolled back
        cursor.polled(OptionalLong.of(500), tick());
        assertEquals(12, cursor.readAfter());
        assertFalse(cursor.accept(11));
    }

    @Test
    void byHorizonAGapWithoutItsBoundIsNeverGivenUp() {
        FeedCursor cursor = FeedCursor.byHorizon(10, List.of(), now);
        cursor.accept(12); // the bound could not be read (the database went away right after)
        cursor.polled(OptionalLong.of(Long.MAX_VALUE - 1), tick());
        assertEquals(10, cursor.readAfter(), "no horizon tells about a writer whose transaction is unbounded");
        assertFalse(cursor.needsHorizon());
        assertTrue(cursor.needsBound());
    }

    @Test
    void byHorizonEachGapHasTheBoundOfTheReadThatFoundIt() {
        FeedCursor cursor = FeedCursor.byHorizon(10, List.of(), now);
        cursor.accept(12);
        cursor.bound(500);
        cursor.polled(OptionalLong.empty(), tick());
        cursor.accept(14); // 13 found missing by a later read
        cursor.bound(600);
        cursor.polled(OptionalLong.of(550), tick());
        assertEquals(Set.of(13L), cursor.gaps(), "11's writers ended, 13's may not have");
        cursor.polled(OptionalLong.of(600), tick());
        assertEquals(Set.of(), cursor.gaps());
    }

    @Test
    void byHorizonGapsAreNotGivenUpByPollsAlone() {
        FeedCursor cursor = FeedCursor.byHorizon(10, List.of(), now);
        cursor.accept(12);
        cursor.bound(500);
        for (int i = 0; i < 1000; i++) {
            cursor.polled(NO_HORIZON, tick());
        }
        assertEquals(Set.of(11L), cursor.gaps());
    }

    @Test
    void aNodeThatStartsWaitsForIdsNotYetCommitted() {
        for (FeedCursor cursor :
                List.of(FeedCursor.byPolls(20, Set.of(18L), 4, now), FeedCursor.byHorizon(20, Set.of(18L), now))) {
            assertEquals(17, cursor.readAfter());
            assertFalse(cursor.accept(19), "present at the start: the node read the state after it");
            assertTrue(cursor.accept(18));
            assertTrue(cursor.accept(21));
            assertEquals(21, cursor.readAfter());
        }
    }

    @Test
    void theGapWaitedForLongestIsKnown() {
        FeedCursor cursor = FeedCursor.byHorizon(10, List.of(), now);
        assertTrue(cursor.longestWaiting().isEmpty());
        Instant first = now;
        cursor.accept(12);
        cursor.bound(500);
        cursor.polled(NO_HORIZON, tick());
        cursor.accept(14);
        assertEquals(new FeedCursor.Waiting(11, first), cursor.longestWaiting().orElseThrow());
        cursor.accept(11);
        assertEquals(13, cursor.longestWaiting().orElseThrow().id());
    }

    @Test
    void aSequenceThatJumpsFarIsWaitedForOnlyNearTheTop() {
        for (FeedCursor cursor : both(0)) {
            cursor.accept(1_000_000);
            assertEquals(FeedCursor.MAX_GAPS, cursor.gaps().size());
            assertEquals(1_000_000 - FeedCursor.MAX_GAPS - 1, cursor.readAfter());
        }
    }
}
