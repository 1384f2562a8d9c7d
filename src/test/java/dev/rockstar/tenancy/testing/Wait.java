package dev.rockstar.tenancy.testing;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * Polls for what the application does apart from a request (an audit entry, a scheduled job's run,
 * another node catching up, the database coming back) until it is there, and fails naming what was
 * awaited, and what was last read, when it is not there in time. The deadline only bounds the wait
 * on a slow machine: {@link #DEFAULT} unless a test needs longer (a minute that must close, a pool
 * that must reconnect) or claims a bound of its own.
 * <pre>
 * Wait.until("the suspension in the audit log", () -&gt; !suspensions().isEmpty());
 * JsonObject counts = Wait.until("A's two documents counted", Duration.ofSeconds(60),
 *         () -&gt; client.get("localhost", "/api/test/jobs/document-count").assertJson(200),
 *         c -&gt; c.getInt("acme", -1) == 2);
 * Wait.every(Duration.ofMillis(50)).until("converged", CONVERGED, this::converged);
 * </pre>
 * A reading may throw: an assertion error stops the wait at once (the answer was wrong, not late);
 * any other exception too, wrapped in an assertion error naming what was awaited.
 */
public final class Wait {

    /** The deadline of a wait that names none. */
    public static final Duration DEFAULT = Duration.ofSeconds(30);

    private static final Poller EVERY_200_MS = new Poller(Duration.ofMillis(200));

    private Wait() {}

    /** Something read until it is what was awaited. */
    @FunctionalInterface
    public interface Reading<T> {
        T read() throws Exception;
    }

    /** Something checked until it holds. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls every {@code poll} rather than every 200 ms: for a test that times what it awaits. */
    public static Poller every(Duration poll) {
        return new Poller(poll);
    }

    public static void until(String what, Condition done) {
        EVERY_200_MS.until(what, DEFAULT, done);
    }

    public static void until(String what, Duration within, Condition done) {
        EVERY_200_MS.until(what, within, done);
    }

    /** The first reading that is {@code done}. */
    public static <T> T until(String what, Reading<T> read, Predicate<? super T> done) {
        return EVERY_200_MS.until(what, DEFAULT, read, done);
    }

    /** The first reading that is {@code done}. */
    public static <T> T until(String what, Duration within, Reading<T> read, Predicate<? super T> done) {
        return EVERY_200_MS.until(what, within, read, done);
    }

    /** The waits of {@link Wait} at another pace. */
    public static final class Poller {

        private final Duration poll;

        private Poller(Duration poll) {
            this.poll = poll;
        }

        public void until(String what, Duration within, Condition done) {
            until(what, within, done::holds, Boolean::booleanValue);
        }

        public <T> T until(String what, Duration within, Reading<T> read, Predicate<? super T> done) {
            long deadline = System.nanoTime() + within.toNanos();
            while (true) {
                T last = readOrFail(what, read);
                if (done.test(last)) {
                    return last;
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new AssertionError("waited " + seconds(within) + " for " + what
                            + (last instanceof Boolean ? "" : "; last read: " + shortened(last)));
                }
                sleep(what);
            }
        }

        private static <T> T readOrFail(String what, Reading<T> read) {
            try {
                return read.read();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError("while waiting for " + what + ": " + e, e);
            }
        }

        private void sleep(String what) {
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }

        private static String shortened(Object reading) {
            String text = String.valueOf(reading);
            return text.length() <= 2_000 ? text : text.substring(0, 2_000) + " …";
        }

        private static String seconds(Duration duration) {
            return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
        }
    }
}
