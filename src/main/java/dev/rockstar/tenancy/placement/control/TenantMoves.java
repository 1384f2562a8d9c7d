package dev.rockstar.tenancy.placement.control;

import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.cluster.ClusterNode;
import dev.rockstar.tenancy.cluster.Recurring;
import dev.rockstar.tenancy.persistence.DatabaseHorizon;
import dev.rockstar.tenancy.persistence.LockTimeouts;
import dev.rockstar.tenancy.persistence.Placements;
import dev.rockstar.tenancy.persistence.TenantRows;
import dev.rockstar.tenancy.persistence.WritesInFlight;
import dev.rockstar.tenancy.placement.entity.TenantMove;
import dev.rockstar.tenancy.placement.entity.TenantMove.State;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Moves a tenant from one placement to another, as a recorded state machine:
 * <ol>
 * <li>{@code FREEZING}: the tenant is {@code READ_ONLY} (with the move's record, in one
 * transaction); waits until every live node has read that change and the writes of its rows that
 * began before it have ended (this node's, and on PostgreSQL every node's by the transaction
 * horizon).</li>
 * <li>{@code COPYING}: in one local transaction, its rows of the target deleted (a copy begun by
 * a mover that died), its rows copied there, and the digests of both sides compared, table by
 * table; committed only when they are equal.</li>
 * <li>{@code SWITCHING}: the registry says target; waits until every node has read it, so no node
 * routes the tenant's statements to the source any more.</li>
 * <li>{@code THAWING}: the tenant back in the status it had: the freeze ends here.</li>
 * <li>{@code CLEANING}: after reads that began on the source have had time to end, its rows
 * there are deleted.</li>
 * </ol>
 * Each step is idempotent and recorded when done, under a lease of the database's time that the
 * mover renews; a move whose lease ran out (its node died) is taken over by any node within
 * seconds and goes on from its last recorded step. A failure before the switch undoes the copy and
 * ends the move {@code FAILED} with the tenant where it was, whole, in the status it had; after the
 * switch the move only goes forward, retried until it is done.
 */
@ApplicationScoped
public class TenantMoves {

    private static final Logger LOG = Logger.getLogger(TenantMoves.class.getName());

    @Inject
    MoveStore store;

    @Inject
    TenantRegistry registry;

    @Inject
    TenantRows rows;

    @Inject
    ClusterNode node;

    @Inject
    WritesInFlight writes;

    @Inject
    DatabaseHorizon horizon;

    @Inject
    AuditLog audit;

    @Inject
    Placements placements;

    @Inject
    @ConfigProperty(name = "tenancy.placements.move-lease-seconds", defaultValue = "15")
    long leaseSeconds;

    @Inject
    @ConfigProperty(name = "tenancy.placements.move-wait-seconds", defaultValue = "60")
    long waitSeconds;

    /** How long reads that began on the source before the switch get before its rows go. */
    @Inject
    @ConfigProperty(name = "tenancy.placements.source-grace-millis", defaultValue = "2000")
    long graceMillis;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Moves this node is running now. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    /** Moves this node froze the tenant for itself: it knows that change without reading the feed. */
    private final Set<String> frozenHere = ConcurrentHashMap.newKeySet();

    private Recurring resuming;

    /** A move that cannot go on: before the switch it fails, leaving the tenant where it was. */
    static final class MoveFailure extends RuntimeException {
        MoveFailure(String message) {
            super(message);
        }
    }

    /** This node no longer holds the move (its lease ran out and another node took it over): it stops, changing nothing. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(String moveId) {
            super("Move " + moveId + " is no longer this node's");
        }
    }

    void start(@Observes Startup startup) {
        long every = Math.max(1, leaseSeconds / 3);
        resuming = Recurring.start(
                scheduler, "the search for orphaned moves", every, every, TimeUnit.SECONDS, this::resumeOrphans);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (resuming != null) {
            resuming.stop();
        }
    }

    /**
     * Starts moving the tenant to {@code target}: it is read-only once this returns, and the move
     * runs on.
     *
     * @throws dev.rockstar.tenancy.problems.ConflictException while another move is under way or
     *     when it is there already
     */
    public TenantMove start(String tenantId, String target, String actor) {
        TenantMove move = beginWaitingForLocks(tenantId, target, actor);
        audit.record(
                tenantId,
                "TENANT_MOVE_STARTED",
                "move " + move.getId() + " from " + move.getSource() + " to " + move.getTarget()
                        + "; read-only until its rows are in " + move.getTarget() + " (was "
                        + move.getPreviousStatus() + ")");
        frozenHere.add(move.getId());
        submit(move.getId());
        return move;
    }

    /**
     * The freeze takes the tenant's registry row, which H2 keeps locked while one of its writes is
     * under way and gives up on after its lock timeout: tried again until the wait is over, so a
     * move waits for the writes under way, as it does on PostgreSQL.
     */
    private TenantMove beginWaitingForLocks(String tenantId, String target, String actor) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        while (true) {
            try {
                return store.begin(tenantId, target, actor, node.id(), leaseSeconds);
            } catch (RuntimeException e) {
                if (!LockTimeouts.isCause(e) || System.nanoTime() > until) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting to freeze tenant " + tenantId, e);
            }
        }
    }

    public Optional<TenantMove> find(String tenantId, String moveId) {
        return store.find(moveId).filter(move -> move.getTenantId().equals(tenantId));
    }

    /** The tenant's moves, the latest first, at most {@code limit}. */
    public List<TenantMove> of(String tenantId, int limit) {
        return store.ofTenant(tenantId, limit);
    }

    private void submit(String moveId) {
        if (running.add(moveId)) {
            executor.submit(() -> {
                try {
                    run(moveId);
                } finally {
                    running.remove(moveId);
                    frozenHere.remove(moveId);
                }
            });
        }
    }

    private void resumeOrphans() {
        try {
            for (String id : store.orphaned()) {
                if (!running.contains(id) && store.claim(id, node.id(), leaseSeconds)) {
                    LOG.info(() -> "Taking over move " + id + ": its mover's lease ran out");
                    submit(id);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not look for moves to take over; trying again", e);
        }
    }

    /** Runs the move from its recorded step to its end, while this node holds its lease. */
    void run(String moveId) {
        Recurring renewal = Recurring.start(
                scheduler,
                "the lease renewal of move " + moveId,
                leaseSeconds / 3,
                Math.max(1, leaseSeconds / 3),
                TimeUnit.SECONDS,
                () -> {
                    try {
                        store.renew(moveId, node.id(), leaseSeconds);
                    } catch (RuntimeException e) {
                        LOG.log(Level.FINE, "Could not renew the lease of move " + moveId, e);
                    }
                });
        try {
            while (true) {
                Optional<TenantMove> found = store.find(moveId);
                if (found.isEmpty()
                        || found.get().getState().ended()
                        || !node.id().equals(found.get().getLeaseOwner())) {
                    return;
                }
                if (!step(found.get())) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.release(moveId, node.id());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Move " + moveId + " stopped; it goes on from its last step within seconds", e);
            store.release(moveId, node.id());
        } finally {
            renewal.stop();
        }
    }

    /** One step; false when this node no longer holds the move. */
    private boolean step(TenantMove move) throws InterruptedException {
        String id = move.getId();
        String me = node.id();
        return switch (move.getState()) {
            case FREEZING -> {
                try {
                    awaitNodes(move, "the freeze", !frozenHere.contains(id));
                    awaitWrites(move);
                } catch (MoveFailure e) {
                    yield fail(move, e.getMessage());
                } catch (RuntimeException e) {
                    yield fail(move, reason(e));
                }
                yield store.advance(id, me, State.FREEZING, m -> m.setState(State.COPYING));
            }
            case COPYING -> {
                long copied;
                try {
                    copied = copy(move);
                } catch (LeaseLost e) {
                    yield false;
                } catch (RuntimeException e) {
                    // before the switch nothing is lost by failing: the tenant stays where it was
                    yield fail(move, reason(e));
                }
                yield store.advance(id, me, State.COPYING, m -> {
                    m.setRowsCopied(copied);
                    m.setState(State.SWITCHING);
                });
            }
            case SWITCHING -> {
                registry.switchPlacement(move.getTenantId(), id, move.getTarget());
                if (!node.awaitEveryNodeRead(
                        node.feedEnd(), Duration.ofSeconds(waitSeconds), !frozenHere.contains(id))) {
                    throw new IllegalStateException("Not every node has read the switch of tenant " + move.getTenantId()
                            + " to " + move.getTarget() + " yet");
                }
                yield store.advance(id, me, State.SWITCHING, m -> m.setState(State.THAWING));
            }
            case THAWING -> {
                registry.endMove(move.getTenantId(), id, move.getPreviousStatus(), false);
                yield store.advance(id, me, State.THAWING, m -> {
                    m.setThawedAt(now());
                    m.setState(State.CLEANING);
                });
            }
            case CLEANING -> {
                Thread.sleep(graceMillis);
                long deleted;
                try {
                    deleted = fenced(
                            move,
                            State.CLEANING,
                            move.getSource(),
                            c -> rows.erase(c, move.getTenantId(), move.getSource()));
                    if (!placements.isDatabase(move.getSource()) && placements.isDatabase(move.getTarget())) {
                        // its database keeps its count now: the main database's would be counted twice
                        rows.inLocalTransaction(
                                move.getTenantId(), c -> rows.forgetMainBookkeeping(c, move.getTenantId()));
                    }
                } catch (LeaseLost e) {
                    yield false;
                }
                // one transaction: the tenant is let go of exactly when the move is recorded done
                boolean done = store.advance(id, me, State.CLEANING, m -> {
                    m.setFinishedAt(now());
                    m.setState(State.DONE);
                    registry.releaseMove(move.getTenantId(), id);
                });
                if (done) {
                    long frozen = Duration.between(
                                    move.getFrozenAt(),
                                    store.find(id).map(TenantMove::getThawedAt).orElse(now()))
                            .toMillis();
                    audit.record(
                            move.getTenantId(),
                            "TENANT_MOVED",
                            "move " + id + " from " + move.getSource() + " to " + move.getTarget() + ": "
                                    + move.getRowsCopied() + " rows copied and verified, read-only for " + frozen
                                    + " ms; " + deleted + " rows removed from " + move.getSource());
                    LOG.info(() -> "Tenant " + move.getTenantId() + " moved from " + move.getSource() + " to "
                            + move.getTarget() + " (" + move.getRowsCopied() + " rows, read-only for " + frozen
                            + " ms)");
                }
                yield false;
            }
            case DONE, FAILED -> false;
        };
    }

    private void awaitNodes(TenantMove move, String what, boolean thisNodeToo) throws InterruptedException {
        if (!node.awaitEveryNodeRead(node.feedEnd(), Duration.ofSeconds(waitSeconds), thisNodeToo)) {
            throw new MoveFailure("Not every node read " + what + " within " + waitSeconds + " s");
        }
    }

    private void awaitWrites(TenantMove move) throws InterruptedException {
        Duration wait = Duration.ofSeconds(waitSeconds);
        if (!writes.awaitNone(move.getTenantId(), wait)
                || !node.awaitTransactionsBegunBefore(wait)
                || !horizon.awaitTransactionsBegunBefore(move.getSource(), wait)) {
            throw new MoveFailure(
                    "Transactions that began before the freeze were still running after " + waitSeconds + " s");
        }
    }

    /**
     * Copies and verifies in one local transaction of the target's database: the target holds the
     * rows only if they are equal. Within one database by {@code INSERT ... SELECT}; from another
     * database read from one snapshot there, the digests of both sides each read in their own.
     */
    private long copy(TenantMove move) {
        String tenant = move.getTenantId();
        String source = move.getSource();
        String target = move.getTarget();
        boolean oneDatabase = placements.sameDatabase(source, target);
        if (oneDatabase && placements.schemaOf(source).equals(placements.schemaOf(target))) {
            throw new MoveFailure("The placements " + source + " and " + target + " are one schema; nothing to move");
        }
        return fenced(move, State.COPYING, target, connection -> {
            rows.erase(connection, tenant, target);
            rows.place(connection, tenant, target);
            Map<String, Long> copied = oneDatabase
                    ? rows.copy(connection, tenant, source, target)
                    : rows.copyAcross(tenant, source, connection, target);
            Map<String, String> there =
                    oneDatabase ? rows.digests(connection, tenant, source) : rows.digests(tenant, source);
            Map<String, String> here = rows.digests(connection, tenant, target);
            if (!there.equals(here)) {
                throw new MoveFailure("The rows copied to " + target + " differ from those in " + source
                        + " (rows and SHA-256 per table: " + there + " there, " + here + " here); nothing was"
                        + " switched");
            }
            return copied.values().stream().mapToLong(Long::longValue).sum();
        });
    }

    /**
     * A step's work on a placement's rows in a local transaction of that placement's database,
     * fenced ({@link #fence}): in the same transaction where that is the main database; else inside
     * a local transaction of the main database that holds the move's row until the placement's
     * transaction has committed, so a node that lost the move meanwhile cannot have it committed.
     */
    private <T> T fenced(TenantMove move, State state, String placement, TenantRows.LocalWork<T> work) {
        String tenant = move.getTenantId();
        if (!placements.isDatabase(placement)) {
            return rows.inLocalTransaction(tenant, connection -> {
                fence(connection, move, state);
                return work.run(connection);
            });
        }
        return rows.inLocalTransaction(tenant, main -> {
            fence(main, move, state);
            return rows.inLocalTransaction(tenant, placement, work);
        });
    }

    /**
     * Before the switch: the move recorded FAILED and the tenant back as it was, in one transaction
     * and only while this node still holds the move in the state it saw (a node that lost its lease
     * meanwhile changes nothing); then what it may have copied removed.
     */
    private boolean fail(TenantMove move, String why) {
        String tenant = move.getTenantId();
        List<TenantInfo> after = new ArrayList<>();
        boolean failed = store.advance(move.getId(), node.id(), move.getState(), m -> {
            m.setDetail(why);
            m.setThawedAt(now());
            m.setFinishedAt(now());
            m.setState(State.FAILED);
            registry.endMove(tenant, move.getId(), move.getPreviousStatus(), true)
                    .ifPresent(after::add);
        });
        if (!failed) {
            return false;
        }
        try {
            // The copy commits only with its verification, so the target holds rows of the tenant
            // only if a mover died between that commit and recording it: they go here, or with the
            // next copy there, which deletes them first; the tenant, still in its source, never
            // reads them meanwhile, and offboarding deletes them with it.
            rows.inLocalTransaction(tenant, move.getTarget(), c -> rows.erase(c, tenant, move.getTarget()));
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Could not delete what move " + move.getId() + " may have copied to " + move.getTarget()
                            + "; the next copy there deletes it first",
                    e);
        }
        audit.record(
                tenant,
                "TENANT_MOVE_FAILED",
                "move " + move.getId() + " from " + move.getSource() + " to " + move.getTarget()
                        + " failed; the tenant stayed in " + move.getSource() + ", whole, "
                        + after.stream().map(t -> t.status().name()).findFirst().orElse("gone") + ": " + why);
        LOG.warning(() -> "Move " + move.getId() + " of tenant " + tenant + " failed: " + why);
        return false;
    }

    /**
     * Inside a step's local transaction: the move's row locked, and the step this node's: still in
     * {@code state} under this node's lease. A node that lost its lease (paused past it while
     * another took the move over) stops here instead of deleting rows that are live by now.
     */
    private void fence(Connection connection, TenantMove move, State state) throws SQLException {
        try (PreparedStatement lock =
                connection.prepareStatement("select state, lease_owner from tenancy_move where id = ? for update")) {
            lock.setString(1, move.getId());
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()
                        || !state.name().equals(row.getString(1))
                        || !node.id().equals(row.getString(2))) {
                    throw new LeaseLost(move.getId());
                }
            }
        }
    }

    private static String reason(RuntimeException e) {
        return Optional.ofNullable(e.getMessage()).orElse(e.getClass().getName());
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
