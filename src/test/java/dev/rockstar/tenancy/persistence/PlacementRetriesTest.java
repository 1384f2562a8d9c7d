package dev.rockstar.tenancy.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.Wait;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A placement that cannot be brought up is tried again while the application runs, and no more
 * once it stops: nothing of it is left scheduled on the server's executor after an undeploy.
 */
class PlacementRetriesTest {

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final AtomicInteger attempts = new AtomicInteger();

    @AfterEach
    void shutDown() {
        scheduler.shutdownNow();
        workers.shutdownNow();
    }

    @Test
    void aFailedPlacementIsRetriedUntilTheApplicationStopsAndNotAfter() throws Exception {
        PlacementMigrations migrations = migrations();
        DataSource unreachable = unreachable();

        migrations.migratePlacements(unreachable, unreachable, "main");
        assertFalse(migrations.placements.isAvailable("broken"));
        assertTrue(migrations.retrying());
        int first = attempts.get();
        Wait.until("a retry", Duration.ofSeconds(10), () -> attempts.get() > first);

        migrations.stop();
        assertFalse(migrations.retrying(), "the retry cancelled");
        Wait.until("the retry under way, if any, ended", Duration.ofSeconds(10), () -> scheduler.getActiveCount() == 0);
        int atStop = attempts.get();
        Thread.sleep(2_500); // two retry periods
        assertEquals(atStop, attempts.get(), "no attempt after the application stopped");
        assertTrue(
                scheduler.getQueue().stream().allMatch(task -> ((java.util.concurrent.Future<?>) task).isCancelled()),
                "nothing left scheduled but cancelled");

        migrations.migratePlacements(unreachable, unreachable, "main");
        assertFalse(migrations.retrying(), "a stopped application schedules no retry");
    }

    private PlacementMigrations migrations() {
        PlacementMigrations migrations = new PlacementMigrations();
        migrations.placements = new OnePlacement();
        migrations.concurrency = 2;
        migrations.retrySeconds = 1;
        migrations.executor = proxy(ManagedExecutorService.class, workers);
        migrations.scheduler = proxy(ManagedScheduledExecutorService.class, scheduler);
        return migrations;
    }

    /** A database that refuses every connection, counting the attempts. */
    private DataSource unreachable() {
        return (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        attempts.incrementAndGet();
                        throw new SQLException("refused by the test");
                    }
                    return switch (method.getName()) {
                        case "getLoginTimeout" -> 0;
                        case "isWrapperFor" -> false;
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "unreachable";
                        default -> null;
                    };
                });
    }

    /** The managed executor's plain methods, done by a plain executor. */
    private static <T> T proxy(Class<T> managed, ExecutorService delegate) {
        return managed.cast(Proxy.newProxyInstance(
                PlacementRetriesTest.class.getClassLoader(), new Class<?>[] {managed}, (proxy, method, args) -> {
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }

    /** The placements of a deployment that declares one schema placement, {@code broken}. */
    private static final class OnePlacement extends Placements {

        @Override
        public List<Placement> declaredPlacements() {
            return List.of(new Placement("broken", "tenancy_broken"));
        }

        @Override
        public boolean exists(String name) {
            return "broken".equals(name) || SHARED.equals(name);
        }
    }
}
