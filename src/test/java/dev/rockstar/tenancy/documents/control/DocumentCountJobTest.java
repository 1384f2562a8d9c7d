package dev.rockstar.tenancy.documents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The sample job's schedule as configured: its period, or none at all when disabled. */
class DocumentCountJobTest {

    private final List<List<Object>> scheduled = new ArrayList<>();

    @Test
    void enabledItRunsOncePerPeriodStartingOnePeriodAfterStart() {
        DocumentCountJob job = job(true, Duration.ofHours(6));
        job.start(null);
        // the first run one period after start, and its second chance (cluster.Recurring) a period later
        assertEquals(
                List.of(List.of(21_600_000L, TimeUnit.MILLISECONDS), List.of(43_200_000L, TimeUnit.MILLISECONDS)),
                scheduled);
    }

    @Test
    void disabledItSchedulesNothing() {
        DocumentCountJob job = job(false, Duration.ofHours(6));
        job.start(null);
        job.stop(null);
        assertTrue(scheduled.isEmpty(), scheduled::toString);
    }

    private DocumentCountJob job(boolean enabled, Duration every) {
        DocumentCountJob job = new DocumentCountJob();
        job.enabled = enabled;
        job.every = every;
        job.scheduler = (ManagedScheduledExecutorService) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ManagedScheduledExecutorService.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("schedule")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    scheduled.add(List.of(args[1], args[2]));
                    return null;
                });
        return job;
    }
}
