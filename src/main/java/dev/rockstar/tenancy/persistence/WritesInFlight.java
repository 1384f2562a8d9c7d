package dev.rockstar.tenancy.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transactions on this node that have written rows of a tenant and not yet ended, counted per
 * tenant from the first write statement EclipseLink sends for it ({@link ReadOnlyGuard}) to the
 * transaction's end. A move waits for them after freezing the tenant, so no write that began
 * before the freeze commits after its rows were copied. PostgreSQL's transaction horizon covers
 * the other nodes too; on H2, one node, this is the whole answer.
 */
@ApplicationScoped
public class WritesInFlight {

    private static final String KEY = WritesInFlight.class.getName() + ":";

    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** A write statement of the tenant is about to run: counted once per transaction. */
    void writing(String tenantId) {
        if (transactions == null || transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return; // autocommit: it has ended when the statement has
        }
        String key = KEY + tenantId;
        if (transactions.getResource(key) != null) {
            return;
        }
        transactions.putResource(key, Boolean.TRUE);
        AtomicInteger count = open.computeIfAbsent(tenantId, id -> new AtomicInteger());
        count.incrementAndGet();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                count.decrementAndGet();
            }
        });
    }

    /**
     * Waits until no transaction of this node that wrote the tenant's rows is still open.
     *
     * @return false if one still was after {@code max}
     */
    public boolean awaitNone(String tenantId, Duration max) throws InterruptedException {
        Instant until = Instant.now().plus(max);
        AtomicInteger count = open.get(tenantId);
        while (count != null && count.get() > 0) {
            if (Instant.now().isAfter(until)) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
