package dev.rockstar.tenancy.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FeedCursorTest {

    @Test
    void rowsInOrderAreTakenOnceAndTheReadMovesOn() {
        FeedCursor cursor = new FeedCursor(10, List.of(), 4);
        assertTrue(cursor.accept(11));
        assertTrue(cursor.accept(12));
        assertFalse(cursor.accept(12), "a row read again is not acted on twice");
        cursor.polled();
        assertEquals(12, cursor.readAfter());
    }

    @Test
    void anIdCommittedLateIsStillTaken() {
        FeedCursor cursor = new FeedCursor(10, List.of(), 4);
        assertTrue(cursor.accept(12)); // 11 was handed out first but commits later
        cursor.polled();
        assertEquals(10, cursor.readAfter(), "the feed is re-read from the gap");
        assertFalse(cursor.accept(12));
        assertTrue(cursor.accept(11));
        cursor.polled();
        assertEquals(12, cursor.readAfter());
        assertFalse(cursor.accept(11));
    }

    @Test
    void aGapThatNeverFillsIsGivenUpAfterItsPolls() {
        FeedCursor cursor = new FeedCursor(10, List.of(), 3);
        cursor.accept(12);
        for (int i = 0; i < 3; i++) {
            cursor.polled();
            assertEquals(10, cursor.readAfter());
        }
        cursor.polled();
        assertEquals(12, cursor.readAfter(), "a rolled-back id is not waited for forever");
        assertFalse(cursor.accept(11), "and not acted on if it ever shows");
    }

    @Test
    void gapsAgeOnlyWithSuccessfulPolls() {
        FeedCursor cursor = new FeedCursor(10, List.of(), 2);
        cursor.accept(12);
        // an outage: no polls succeed, however long it lasts
        assertEquals(10, cursor.readAfter());
        cursor.polled();
        assertTrue(cursor.accept(11));
    }

    @Test
    void aNodeThatStartsWaitsForIdsNotYetCommitted() {
        FeedCursor cursor = new FeedCursor(20, Set.of(18L), 4);
        assertEquals(17, cursor.readAfter());
        assertFalse(cursor.accept(19), "present at the start: the node read the state after it");
        assertTrue(cursor.accept(18));
        assertTrue(cursor.accept(21));
        assertEquals(21, cursor.readAfter());
    }

    @Test
    void aSequenceThatJumpsFarIsWaitedForOnlyNearTheTop() {
        FeedCursor cursor = new FeedCursor(0, List.of(), 4);
        cursor.accept(1_000_000);
        assertEquals(FeedCursor.MAX_GAPS, cursor.gaps().size());
        assertEquals(1_000_000 - FeedCursor.MAX_GAPS - 1, cursor.readAfter());
    }
}
