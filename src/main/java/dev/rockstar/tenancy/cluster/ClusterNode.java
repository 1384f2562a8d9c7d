package dev.rockstar.tenancy.cluster;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node as the cluster knows it: an id of its own for this start, and a heartbeat in the
 * shared database ({@code tenancy_node}) from which it learns how many nodes are live, in the
 * database's time. A node that stops says so; one that dies drops out after
 * {@code 3 × tenancy.cluster.heartbeat-seconds}. Requests read the count from memory.
 */
@ApplicationScoped
public class ClusterNode {

    private static final Logger LOG = Logger.getLogger(ClusterNode.class.getName());

    @Inject
    @ConfigProperty(name = "tenancy.cluster.heartbeat-seconds", defaultValue = "1")
    long heartbeatSeconds;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ClusterStore store;

    @Inject
    ChangeFeedPoller feed;

    private final String id = UUID.randomUUID().toString();
    private volatile int liveNodes = 1;
    private volatile boolean failing;
    private Recurring heartbeat;

    /** After the schema migration (a Startup observer of higher priority), so the table exists. */
    void start(@Observes Startup startup) {
        beat();
        heartbeat = Recurring.start(
                scheduler, "the cluster heartbeat", heartbeatSeconds, heartbeatSeconds, TimeUnit.SECONDS, this::beat);
        LOG.info(() -> "Cluster node " + id + " started; " + liveNodes + " live node(s)");
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (heartbeat != null) {
            heartbeat.stop();
        }
        try {
            store.leave(id);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not sign this node off; the others drop it once its heartbeat is old", e);
        }
    }

    public String id() {
        return id;
    }

    /** Nodes that wrote a heartbeat lately, this one included (at least 1); the last count known while the database is away. */
    public int liveNodes() {
        return liveNodes;
    }

    /** The change feed's newest id now: a change committed before this call is at or below it. */
    public long feedEnd() {
        return store.lastId();
    }

    /**
     * Waits until every live node has read the change feed up to {@code position}: then every node
     * knows each change committed up to there. This node knows the changes it committed itself from
     * their commit on ({@code thisNodeToo} false), but not another node's until it has read them. A node that stops beating drops
     * out after {@code 3 × tenancy.cluster.heartbeat-seconds}.
     *
     * @return false if some node had not within {@code max}
     */
    public boolean awaitEveryNodeRead(long position, Duration max, boolean thisNodeToo) throws InterruptedException {
        Instant until = Instant.now().plus(max);
        while (store.nodesBehind(position, 3 * heartbeatSeconds, thisNodeToo ? "" : id) > 0) {
            if (Instant.now().isAfter(until)) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    /**
     * Waits until every database transaction that had begun when this was called has ended, on any
     * node: on PostgreSQL by its transaction horizon. Elsewhere (H2, one node) nothing is known
     * here and it returns at once.
     *
     * @return false if some had not within {@code max}
     */
    public boolean awaitTransactionsBegunBefore(Duration max) throws InterruptedException {
        if (!store.hasTransactionHorizon()) {
            return true;
        }
        long now = store.newTransactionId();
        Instant until = Instant.now().plus(max);
        while (store.horizon() <= now) {
            if (Instant.now().isAfter(until)) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private void beat() {
        try {
            liveNodes = store.heartbeat(id, 3 * heartbeatSeconds, feed.applied());
            if (failing) {
                failing = false;
                LOG.info("Cluster heartbeat written again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(
                        Level.WARNING,
                        "Cannot write this node's heartbeat; keeping the last count of live nodes (" + liveNodes + ")",
                        e);
            }
        }
    }
}
