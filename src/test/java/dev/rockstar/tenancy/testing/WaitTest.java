package dev.rockstar.tenancy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A wait returns the first reading that is done, and a failed one says what it waited for. */
class WaitTest {

    private static final Duration SHORT = Duration.ofMillis(100);
    private static final Wait.Poller FAST = Wait.every(Duration.ofMillis(5));

    @Test
    void returnsTheFirstReadingThatIsDone() {
        AtomicInteger reads = new AtomicInteger();
        assertEquals(3, FAST.until("three reads", Duration.ofSeconds(30), reads::incrementAndGet, n -> n == 3));
        assertEquals(3, reads.get());
    }

    @Test
    void readsOnceMoreAtTheDeadlineAndNamesWhatItAwaitedAndTheLastReading() {
        AtomicInteger reads = new AtomicInteger();
        AssertionError late = assertThrows(
                AssertionError.class, () -> FAST.until("a negative count", SHORT, reads::incrementAndGet, n -> n < 0));
        assertEquals("waited 100 ms for a negative count; last read: " + reads.get(), late.getMessage());
    }

    @Test
    void aConditionNamesWhatItAwaited() {
        AssertionError late =
                assertThrows(AssertionError.class, () -> FAST.until("the impossible", SHORT, () -> false));
        assertEquals("waited 100 ms for the impossible", late.getMessage());
    }

    @Test
    void aWrongAnswerStopsTheWaitAtOnce() {
        AssertionError wrong = new AssertionError("expected 503, was 500");
        AtomicInteger reads = new AtomicInteger();
        assertSame(
                wrong,
                assertThrows(
                        AssertionError.class,
                        () -> FAST.until("recovery", Duration.ofSeconds(30), () -> {
                            reads.incrementAndGet();
                            throw wrong;
                        })));
        assertEquals(1, reads.get());
    }

    @Test
    void aCheckedExceptionFailsNamingWhatWasAwaited() {
        IOException refused = new IOException("connection refused");
        AssertionError failed = assertThrows(
                AssertionError.class,
                () -> Wait.until("the database", () -> {
                    throw refused;
                }));
        assertEquals("while waiting for the database: " + refused, failed.getMessage());
        assertSame(refused, failed.getCause());
    }
}
