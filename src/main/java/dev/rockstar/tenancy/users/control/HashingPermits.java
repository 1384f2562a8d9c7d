package dev.rockstar.tenancy.users.control;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many password hashes the node computes at once: {@code total} in all, of which
 * {@code reserved} only for privileged callers (a client with a valid device cookie, an operator
 * setting a password). Unprivileged callers share the rest, so a flood of junk logins can take
 * every shared permit but never a reserved one. A caller waits up to a given time, then is refused.
 * <pre>
 * HashingPermits.Pool pool = permits.tryAcquire(privileged, waitNanos);   // null: refuse the caller
 * try { … hash … } finally { permits.release(pool); }
 * </pre>
 */
final class HashingPermits {

    /** Where a permit came from, to give it back there. */
    enum Pool {
        SHARED,
        RESERVED
    }

    private final int shared;
    private final int reserved;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private int sharedInUse;
    private int reservedInUse;

    HashingPermits(int total, int reserved) {
        if (total < 1 || reserved < 0 || reserved >= total) {
            throw new IllegalArgumentException("need 1 or more permits, fewer of them reserved than in all: " + total
                    + " in all, " + reserved + " reserved");
        }
        this.shared = total - reserved;
        this.reserved = reserved;
    }

    /**
     * A privileged caller takes a reserved permit while one is free, else a shared one; an
     * unprivileged caller only a shared one.
     *
     * @return the pool of the permit, or {@code null} when none became free within {@code waitNanos}
     */
    Pool tryAcquire(boolean privileged, long waitNanos) throws InterruptedException {
        long remaining = waitNanos;
        lock.lock();
        try {
            while (true) {
                if (privileged && reservedInUse < reserved) {
                    reservedInUse++;
                    return Pool.RESERVED;
                }
                if (sharedInUse < shared) {
                    sharedInUse++;
                    return Pool.SHARED;
                }
                if (remaining <= 0) {
                    return null;
                }
                remaining = released.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    void release(Pool pool) {
        lock.lock();
        try {
            if (pool == Pool.RESERVED) {
                reservedInUse--;
            } else {
                sharedInUse--;
            }
            // all waiters: a freed reserved permit is of use to privileged ones only, and waits are short
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a caller is waiting for a permit now, for tests. */
    boolean hasWaiters() {
        lock.lock();
        try {
            return lock.hasWaiters(released);
        } finally {
            lock.unlock();
        }
    }

    /** Permits in use now, for tests. */
    int inUse() {
        lock.lock();
        try {
            return sharedInUse + reservedInUse;
        } finally {
            lock.unlock();
        }
    }
}
