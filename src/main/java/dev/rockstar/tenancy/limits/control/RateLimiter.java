package dev.rockstar.tenancy.limits.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per tenant: {@code requestsPerSecond} tokens refill each second, and a second's
 * worth may be spent at once. A tenant over its rate is refused without slowing anyone else; a
 * changed rate applies from the next request. In a cluster each node admits its share, the rate
 * divided by the live nodes (docs/SCALING.md): behind a load balancer that spreads a tenant's
 * requests evenly over N nodes the cluster admits about the rate, never N times it.
 * <p>
 * Inside the tenant's bucket each client group ({@link ClientGroup}: an IPv4 address, an IPv6 /64)
 * has a bucket of its own at its share of the rate, divided by the nodes the same way: one client
 * sending the tenant's whole rate gets its share, and the rest stays for the tenant's other
 * clients. Client buckets are kept for at most {@value #MAX_CLIENT_BUCKETS} groups of all tenants
 * on this node: past that, the least recently seen tenth is dropped, and a dropped client comes back
 * to a fresh bucket, which holds at most its share: forgetting never admits more than the share
 * allows in a second.
 */
@ApplicationScoped
class RateLimiter {

    /** About 100 bytes each with its key: a few MB at most, whatever clients send. */
    static final int MAX_CLIENT_BUCKETS = 20_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    /**
     * Looked up without a lock on every request of a tenant with a share: an access-ordered map
     * (which writes on every read) behind one lock for every client of every tenant cost those
     * requests 5.5 % of their throughput (docs/BENCHMARKS.md).
     */
    private final Map<ClientKey, Bucket> clientBuckets = new ConcurrentHashMap<>();

    private final int maxClientBuckets;
    private final Object trimming = new Object();
    private final LongSupplier nanoClock;

    public RateLimiter() {
        this(System::nanoTime, MAX_CLIENT_BUCKETS);
    }

    RateLimiter(LongSupplier nanoClock) {
        this(nanoClock, MAX_CLIENT_BUCKETS);
    }

    RateLimiter(LongSupplier nanoClock, int maxClientBuckets) {
        this.nanoClock = nanoClock;
        this.maxClientBuckets = maxClientBuckets;
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
        Bucket bucket = buckets.get(tenantId);
        if (bucket == null || bucket.rate != requestsPerSecond) { // compute() locks: only on a change
            bucket = buckets.compute(
                    tenantId,
                    (id, existing) -> existing == null || existing.rate != requestsPerSecond
                            ? new Bucket(requestsPerSecond, nanoClock.getAsLong())
                            : existing);
        }
        long waitNanos = bucket.take(nanoClock.getAsLong(), (double) requestsPerSecond / Math.max(1, nodes));
        if (waitNanos > 0) {
            throw new RateLimitedException(seconds(waitNanos));
        }
    }

    /**
     * Takes one request of the client's share of the tenant's allowance, then one of the tenant's
     * (both this node's part, divided by {@code nodes}). A client over its share is refused
     * without spending the tenant's allowance; a client the tenant refuses gets its token back, so
     * that other clients' traffic never eats into its share.
     *
     * @param client the client's address ({@code ClientAddresses}), grouped here by {@link ClientGroup}
     * @param sharePercent the most of the rate one client group may take, 1 to 100; 100 turns the share off
     * @throws RateLimitedException when the client is over its share or the tenant over its rate
     */
    public void acquire(String tenantId, String client, long requestsPerSecond, long sharePercent, int nodes) {
        if (requestsPerSecond <= 0 || sharePercent >= 100) {
            acquire(tenantId, requestsPerSecond, nodes);
            return;
        }
        double share = (double) requestsPerSecond * Math.max(1, sharePercent) / 100 / Math.max(1, nodes);
        Bucket ofClient = clientBucket(new ClientKey(tenantId, ClientGroup.of(client)));
        long waitNanos = ofClient.take(nanoClock.getAsLong(), share);
        if (waitNanos > 0) {
            throw new RateLimitedException(seconds(waitNanos));
        }
        try {
            acquire(tenantId, requestsPerSecond, nodes);
        } catch (RateLimitedException e) {
            ofClient.giveBack();
            throw e;
        }
    }

    /** How many client buckets this node holds now. */
    int clientBuckets() {
        return clientBuckets.size();
    }

    private Bucket clientBucket(ClientKey key) {
        Bucket bucket = clientBuckets.get(key);
        if (bucket == null) {
            bucket = clientBuckets.computeIfAbsent(key, k -> new Bucket(0, nanoClock.getAsLong()));
            if (clientBuckets.size() > maxClientBuckets) {
                trim(key);
            }
        }
        return bucket;
    }

    /**
     * Drops what is over the bound and a tenth more, least recently seen first: a sort of the
     * buckets once per tenth of the bound's new clients, rather than bookkeeping on every request.
     */
    private void trim(ClientKey kept) {
        synchronized (trimming) {
            int over = clientBuckets.size() - maxClientBuckets;
            if (over <= 0) {
                return; // another thread trimmed
            }
            List<ClientKey> leastRecentlySeen = clientBuckets.entrySet().stream()
                    .filter(e -> !e.getKey().equals(kept)) // the one just made: it is about to be used
                    .map(e -> Map.entry(e.getKey(), e.getValue().seenAt()))
                    .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                    .limit(over + maxClientBuckets / 10L)
                    .map(Map.Entry::getKey)
                    .toList();
            leastRecentlySeen.forEach(clientBuckets::remove);
        }
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    /** Forgets a tenant's bucket, when the tenant has no rate any more. */
    public void forget(String tenantId) {
        buckets.remove(tenantId);
    }

    private record ClientKey(String tenantId, String group) {}

    private static final class Bucket {

        private final long rate;
        private double tokens;
        private double capacity = 1;
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
            capacity = Math.max(1, share);
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

        /** When it was last taken from (or made). */
        synchronized long seenAt() {
            return refilledAt;
        }

        /** Undoes a {@link #take} that admitted nothing after all. */
        synchronized void giveBack() {
            tokens = Math.min(capacity, tokens + 1);
        }
    }
}
