package dev.rockstar.tenancy.limits.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * One token bucket per tenant: {@code requestsPerSecond} tokens refill each second, and a second's
 * worth may be spent at once. A tenant over its rate is refused without slowing anyone else; a
 * changed rate applies from the next request. In a cluster each node admits its share, the rate
 * divided by the live nodes (docs/SCALING.md): behind a load balancer that spreads a tenant's
 * requests evenly over N nodes the cluster admits about the rate, never N times it.
 */
@ApplicationScoped
class RateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    public RateLimiter() {
        this(System::nanoTime);
    }

    RateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Takes one request of the tenant's allowance.
     *
     * @throws RateLimitedException when the tenant has none left
     */
    public void acquire(String tenantId, long requestsPerSecond) {
        acquire(tenantId, requestsPerSecond, 1);
    }

    /**
     * Takes one request of this node's share of the tenant's allowance, {@code requestsPerSecond / nodes}.
     *
     * @throws RateLimitedException when the tenant has none left here
     */
    public void acquire(String tenantId, long requestsPerSecond, int nodes) {
        if (requestsPerSecond <= 0) {
            throw new RateLimitedException(1); // a limit of 0 stops the tenant's traffic
        }
        Bucket bucket = buckets.compute(tenantId, (id, existing) ->
                existing == null || existing.rate != requestsPerSecond ? new Bucket(requestsPerSecond, nanoClock.getAsLong()) : existing);
        long waitNanos = bucket.take(nanoClock.getAsLong(), (double) requestsPerSecond / Math.max(1, nodes));
        if (waitNanos > 0) {
            throw new RateLimitedException(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
        }
    }

    /** Forgets a tenant's bucket, when the tenant has no rate any more. */
    public void forget(String tenantId) {
        buckets.remove(tenantId);
    }

    private static final class Bucket {

        private final long rate;
        private double tokens;
        private long refilledAt;

        Bucket(long rate, long now) {
            this.rate = rate;
            this.tokens = Double.MAX_VALUE; // full: capped at the first take's share
            this.refilledAt = now;
        }

        /**
         * @param share this node's part of the rate; when the number of nodes changes the bucket
         *        keeps its tokens and refills at the new share
         * @return 0 when a token was taken, else the nanoseconds until one is available
         */
        synchronized long take(long now, double share) {
            // At least one token fits: a share below one request a second still admits one now and then.
            double capacity = Math.max(1, share);
            // In double, and the elapsed time first: the long product of nanoseconds and rate
            // overflowed after seconds idle at a large rate (1e9/s: 9.2 s) and turned a full
            // bucket into refusals. A double saturates instead, and min() caps it at the rate.
            double elapsedNanos = Math.max(0, now - refilledAt);
            tokens = Math.min(capacity, tokens + elapsedNanos / 1e9 * share);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * 1e9 / share);
        }
    }
}
