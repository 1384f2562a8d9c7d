package dev.rockstar.tenancy.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HashingPermitsTest {

    private static final long NO_WAIT = 0;

    @Test
    void unprivilegedCallersSaturateOnlyTheSharedPermits() throws Exception {
        HashingPermits permits = new HashingPermits(4, 1);
        for (int i = 0; i < 3; i++) {
            assertEquals(HashingPermits.Pool.SHARED, permits.tryAcquire(false, NO_WAIT));
        }
        assertNull(permits.tryAcquire(false, NO_WAIT), "the shared permits are taken");
        assertNull(permits.tryAcquire(false, TimeUnit.MILLISECONDS.toNanos(20)), "and stay taken while it waits");

        assertEquals(
                HashingPermits.Pool.RESERVED, permits.tryAcquire(true, NO_WAIT), "a privileged caller still gets one");
        assertNull(permits.tryAcquire(true, NO_WAIT), "the node's bound holds for privileged callers too");
        assertEquals(4, permits.inUse());

        permits.release(HashingPermits.Pool.RESERVED);
        assertNull(permits.tryAcquire(false, NO_WAIT), "a freed reserved permit is no unprivileged caller's");
        permits.release(HashingPermits.Pool.SHARED);
        assertEquals(HashingPermits.Pool.SHARED, permits.tryAcquire(false, NO_WAIT));
    }

    @Test
    void privilegedCallersTakeTheReserveFirstThenShare() throws Exception {
        HashingPermits permits = new HashingPermits(3, 1);
        assertEquals(HashingPermits.Pool.RESERVED, permits.tryAcquire(true, NO_WAIT));
        assertEquals(HashingPermits.Pool.SHARED, permits.tryAcquire(true, NO_WAIT));
        assertEquals(HashingPermits.Pool.SHARED, permits.tryAcquire(false, NO_WAIT));
        assertNull(permits.tryAcquire(false, NO_WAIT));
        assertNull(permits.tryAcquire(true, NO_WAIT));
    }

    @Test
    void aWaitingCallerGetsTheNextFreedPermit() throws Exception {
        HashingPermits permits = new HashingPermits(2, 1);
        assertEquals(HashingPermits.Pool.SHARED, permits.tryAcquire(false, NO_WAIT));
        CompletableFuture<HashingPermits.Pool> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return permits.tryAcquire(false, TimeUnit.MINUTES.toNanos(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (!waiting.isDone() && !permits.hasWaiters()) {
            Thread.onSpinWait();
        }
        permits.release(HashingPermits.Pool.SHARED);
        assertEquals(HashingPermits.Pool.SHARED, waiting.get(1, TimeUnit.MINUTES));
    }

    @Test
    void refusesABoundThatLeavesNothingToShare() {
        assertThrows(IllegalArgumentException.class, () -> new HashingPermits(1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HashingPermits(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new HashingPermits(2, -1));
    }
}
