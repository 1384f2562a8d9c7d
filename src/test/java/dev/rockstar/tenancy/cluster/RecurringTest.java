package dev.rockstar.tenancy.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecurringTest {

    /**
     * A scheduler that drops every run that would begin in its first {@code droppingMillis}, as
     * GlassFish 7's managed scheduler does while the application is being deployed: its context
     * setup throws before the task, in {@code beforeExecute}.
     */
    static final class DroppingScheduler extends ScheduledThreadPoolExecutor {
        private final long dropUntil;
        final AtomicInteger dropped = new AtomicInteger();

        DroppingScheduler(long droppingMillis) {
            super(2);
            dropUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(droppingMillis);
        }

        @Override
        protected void beforeExecute(Thread thread, Runnable task) {
            if (System.nanoTime() < dropUntil) {
                dropped.incrementAndGet();
                throw new IllegalStateException("the application is not deployed yet");
            }
        }
    }

    private DroppingScheduler scheduler;

    @AfterEach
    void shutDown() {
        scheduler.shutdownNow();
    }

    @Test
    void aRunTheServerDropsEndsAPeriodicTaskOfTheJdkForGood() throws Exception {
        scheduler = new DroppingScheduler(300);
        AtomicInteger runs = new AtomicInteger();
        var future = scheduler.scheduleWithFixedDelay(runs::incrementAndGet, 0, 20, TimeUnit.MILLISECONDS);
        Thread.sleep(1500);
        assertTrue(scheduler.dropped.get() > 0);
        assertEquals(0, runs.get(), "never run again");
        assertFalse(future.isDone(), "and nothing shows it");
    }

    @Test
    void aRecurringTaskGoesOnAfterTheServerDroppedItsRuns() throws Exception {
        scheduler = new DroppingScheduler(300);
        AtomicInteger runs = new AtomicInteger();
        Recurring recurring =
                Recurring.start(scheduler, "the test's task", 0, 20, TimeUnit.MILLISECONDS, runs::incrementAndGet);
        awaitRuns(runs, 10);
        assertTrue(scheduler.dropped.get() > 0, "runs were dropped");
        recurring.stop();
    }

    @Test
    void aRunThatThrowsIsLoggedAndTheRunsGoOn() throws Exception {
        scheduler = new DroppingScheduler(0);
        AtomicInteger runs = new AtomicInteger();
        Recurring recurring =
                Recurring.start(scheduler, "the test's failing task", 0, 10, TimeUnit.MILLISECONDS, () -> {
                    runs.incrementAndGet();
                    throw new IllegalStateException("a failing run");
                });
        awaitRuns(runs, 5);
        recurring.stop();
    }

    @Test
    void runsNeverOverlapAndNoneBeginsAfterStop() throws Exception {
        scheduler = new DroppingScheduler(0);
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean();
        AtomicInteger overlaps = new AtomicInteger();
        Recurring recurring = Recurring.start(scheduler, "the test's slow task", 0, 1, TimeUnit.MILLISECONDS, () -> {
            if (!running.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.set(false);
            runs.incrementAndGet();
        });
        awaitRuns(runs, 50);
        recurring.stop();
        Thread.sleep(50); // a run under way ends
        int stoppedAt = runs.get();
        Thread.sleep(2500); // past any second chance
        assertEquals(stoppedAt, runs.get(), "no run after stop");
        assertEquals(0, overlaps.get(), "one run at a time");
    }

    private static void awaitRuns(AtomicInteger runs, int atLeast) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (runs.get() < atLeast) {
            if (System.nanoTime() > until) {
                throw new AssertionError("only " + runs.get() + " runs in 20 s");
            }
            Thread.sleep(10);
        }
    }
}
