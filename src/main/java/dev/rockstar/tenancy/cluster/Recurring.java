package dev.rockstar.tenancy.cluster;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A task run again and again on a managed scheduler, a fixed delay after each run ends, that
 * survives a run the server drops. {@code scheduleWithFixedDelay} does not: a periodic task is
 * scheduled again only from its own run, and GlassFish 7 drops a run whose context it cannot set
 * up (while the application is still being deployed its {@code ContextSetupProviderImpl} throws
 * before the task, and the task never runs again, its future never done). A node whose change
 * feed stopped that way read no other node's change for the rest of its life.
 *
 * <p>So each run schedules the next one and, later, a second chance of it: if the next run has not
 * begun by then, the second chance runs in its place and the chain goes on. Only one of the two
 * runs (the run counter decides); the other does nothing.
 */
public final class Recurring {

    private static final Logger LOG = Logger.getLogger(Recurring.class.getName());
    /** How long after a run was due its second chance comes, at least. */
    private static final long SECOND_CHANCE_MILLIS = 2000;

    private final ScheduledExecutorService scheduler;
    private final String name;
    private final Runnable task;
    private final long delayMillis;
    /** Runs begun: a scheduled run goes ahead only if none began since it was scheduled. */
    private final AtomicLong runs = new AtomicLong();

    private volatile boolean stopped;
    private volatile ScheduledFuture<?> next;
    private volatile ScheduledFuture<?> secondChance;

    private Recurring(ScheduledExecutorService scheduler, String name, Runnable task, long delayMillis) {
        this.scheduler = scheduler;
        this.name = name;
        this.task = task;
        this.delayMillis = delayMillis;
    }

    /**
     * Starts running {@code task}: first after {@code initialDelay}, then {@code delay} after the
     * end of each run. A task's exception is logged and the runs go on.
     *
     * @param name what the task is, for the log
     */
    public static Recurring start(
            ScheduledExecutorService scheduler,
            String name,
            long initialDelay,
            long delay,
            TimeUnit unit,
            Runnable task) {
        Recurring recurring = new Recurring(scheduler, name, task, Math.max(1, unit.toMillis(delay)));
        recurring.scheduleNext(unit.toMillis(initialDelay));
        return recurring;
    }

    /** No run begins after this; one under way ends as it would. */
    public void stop() {
        stopped = true;
        cancel(next);
        cancel(secondChance);
    }

    /** Whether runs go on: until {@link #stop()}, or until the scheduler refused one. */
    public boolean running() {
        return !stopped;
    }

    private void scheduleNext(long inMillis) {
        if (stopped) {
            return;
        }
        long begun = runs.get();
        try {
            next = scheduler.schedule(() -> run(begun, false), inMillis, TimeUnit.MILLISECONDS);
            secondChance = scheduler.schedule(
                    () -> run(begun, true),
                    inMillis + Math.max(delayMillis, SECOND_CHANCE_MILLIS),
                    TimeUnit.MILLISECONDS);
            if (stopped) {
                // stopped while these were being scheduled: nothing of it may stay scheduled
                stop();
            }
        } catch (RejectedExecutionException e) {
            // the scheduler is shutting down with the application
            LOG.log(Level.FINE, "No further run of " + name + ": the scheduler refuses it", e);
            stop();
        }
    }

    private void run(long begun, boolean isSecondChance) {
        if (stopped || !runs.compareAndSet(begun, begun + 1)) {
            return; // the other of the pair ran, or the task was stopped
        }
        if (isSecondChance) {
            LOG.warning(() -> "The server dropped a run of " + name + "; it goes on");
        } else {
            cancel(secondChance);
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A run of " + name + " failed; it runs again", e);
        } finally {
            scheduleNext(delayMillis);
        }
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }
}
