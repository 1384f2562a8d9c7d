package dev.rockstar.tenancy.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rockstar.tenancy.audit.entity.AuditEntry;
import dev.rockstar.tenancy.metrics.TenantMetrics;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.reflect.Proxy;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuditQueueTest {

    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<String> written = new ArrayList<>();
    private final List<String> counts = new ArrayList<>();
    private final AtomicInteger droppedInMetrics = new AtomicInteger();
    private final AuditQueue queue = new AuditQueue();
    // the queue's warnings are asserted here, not printed into the build's output
    private final Logger log = Logger.getLogger(AuditQueue.class.getName());
    private final List<String> warnings = new ArrayList<>();
    private final Handler captured = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    AuditQueueTest() {
        log.addHandler(captured);
        log.setUseParentHandlers(false);
        queue.capacity = 3;
        queue.coalesceSeconds = 60;
        // a writer that runs only when the test says so: the queue fills as under a slow database
        queue.executor = (ManagedExecutorService) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ManagedExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("execute")) {
                        scheduled.add((Runnable) args[0]);
                    }
                    return null;
                });
        queue.writer = new AuditWriter() {
            @Override
            void write(AuditEntry entry) {
                written.add(entry.getId());
            }

            @Override
            void count(String id, long count) {
                counts.add(id + "=" + count);
            }
        };
        queue.metrics = new TenantMetrics() {
            @Override
            public void auditDropped() {
                droppedInMetrics.incrementAndGet();
            }
        };
        queue.init();
    }

    @AfterEach
    void restoreTheLog() {
        log.removeHandler(captured);
        log.setUseParentHandlers(true);
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfGrowing() {
        for (int i = 0; i < 10; i++) {
            queue.submit(entry("e" + i, "actor-" + i), 1_000, true, AuditPriority.BULK);
        }
        assertEquals(7, queue.dropped());
        assertEquals(7, droppedInMetrics.get());
        assertEquals(
                List.of(
                        "Audit queue full: 1 BULK entries dropped so far",
                        "Audit queue full: 2 BULK entries dropped so far",
                        "Audit queue full: 4 BULK entries dropped so far"),
                warnings,
                "a flood of drops logs at 1, 2, 4, ... only");
        runScheduled();
        assertEquals(List.of("e0", "e1", "e2"), written);
    }

    @Test
    void repeatsFromOneSourceAreOneEntryWithACountPerWindow() {
        for (int i = 0; i < 1000; i++) {
            queue.submit(entry("m" + i, "mallory"), 1_000 + i, true, AuditPriority.BULK);
        }
        runScheduled();
        assertEquals(List.of("m0"), written);
        assertEquals(List.of("m0=1000"), counts);

        queue.submit(entry("later", "mallory"), 1_000 + 60_000, true, AuditPriority.BULK); // a new window
        queue.submit(entry("other", "trudy"), 1_000 + 60_000, true, AuditPriority.BULK); // another source
        runScheduled();
        assertEquals(List.of("m0", "later", "other"), written);
    }

    @Test
    void changesAreNeverCoalesced() {
        for (int i = 0; i < 3; i++) {
            queue.submit(entry("c" + i, "admin"), 1_000, false, AuditPriority.SECURITY);
        }
        runScheduled();
        assertEquals(List.of("c0", "c1", "c2"), written);
    }

    @Test
    void aFullQueueKeepsSecurityEntriesOverBulkOnesAndCountsDropsByPriority() {
        for (int i = 0; i < 3; i++) {
            queue.submit(entry("bulk" + i, "mallory-" + i), 1_000, true, AuditPriority.BULK);
        }
        queue.submit(entry("login-failed", "root"), 1_000, true, AuditPriority.SECURITY);
        queue.submit(entry("changed", "admin"), 1_000, false, AuditPriority.SECURITY);
        queue.submit(entry("bulk3", "mallory-3"), 1_000, true, AuditPriority.BULK); // full: refused
        queue.submit(entry("deleted", "admin"), 1_000, false, AuditPriority.SECURITY); // pushes out bulk0
        queue.submit(entry("suspended", "admin"), 1_000, false, AuditPriority.SECURITY); // all security: dropped
        assertEquals(4, queue.dropped(AuditPriority.BULK));
        assertEquals(1, queue.dropped(AuditPriority.SECURITY));
        assertEquals(5, droppedInMetrics.get());
        runScheduled();
        assertEquals(List.of("login-failed", "changed", "deleted"), written);

        // a repeat from a pushed-out entry's source is a new entry, not a count on one never written
        queue.submit(entry("bulk1-again", "mallory-1"), 1_001, true, AuditPriority.BULK);
        runScheduled();
        assertEquals(List.of("login-failed", "changed", "deleted", "bulk1-again"), written);
        assertEquals(List.of(), counts);
    }

    private void runScheduled() {
        while (!scheduled.isEmpty()) {
            scheduled.remove(0).run();
        }
    }

    private static AuditEntry entry(String id, String actor) {
        return new AuditEntry(
                id,
                OffsetDateTime.now(ZoneOffset.UTC),
                "acme",
                "TENANT_MISMATCH",
                actor,
                "127.0.0.1",
                "a session of tenant 'globex'",
                "api");
    }
}
