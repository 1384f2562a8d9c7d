package dev.rockstar.tenancy.testing;

import dev.rockstar.tenancy.TenantRunner;
import dev.rockstar.tenancy.TenantStatus;
import dev.rockstar.tenancy.documents.control.Documents;
import dev.rockstar.tenancy.persistence.Placements;
import dev.rockstar.tenancy.persistence.TenantRows;
import dev.rockstar.tenancy.placement.entity.TenantMove;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import dev.rockstar.tenancy.tenant.entity.Tenant;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Test-only: where a tenant's rows are, read in each placement's tables by SQL as an operator
 * would (not through the routing under test); and a write of a tenant held open for a while, as a
 * slow request's would be, to race a move.
 */
@Path("test/placements")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PlacementProbe {

    @Inject
    Placements placements;

    @Inject
    TenantRows rows;

    @Inject
    TenantRunner tenants;

    @Inject
    Documents documents;

    @Inject
    TenantRegistry registry;

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    /** {@code {"shared": {"document": 2, ...}, "premium": {...}}}: the tenant's rows per placement and table. */
    @GET
    @Path("{tenant}/rows")
    public JsonObject rows(@PathParam("tenant") String tenant) {
        JsonObjectBuilder all = Json.createObjectBuilder();
        for (String placement : placements.names()) {
            if (!placements.isAvailable(placement)) {
                continue;
            }
            // each placement on its own database's connection: a database placement's are its own
            all.add(placement, rows.<JsonObject>inLocalTransaction(tenant, placement, connection -> {
                JsonObjectBuilder tables = Json.createObjectBuilder();
                for (TenantRows.Table table : rows.tables()) {
                    try (PreparedStatement count = connection.prepareStatement("select count(*) from "
                            + placements.qualified(placement, table.name()) + " where tenant_id = ?")) {
                        count.setString(1, tenant);
                        try (ResultSet result = count.executeQuery()) {
                            result.next();
                            tables.add(table.name(), result.getLong(1));
                        }
                    }
                }
                return tables.build();
            }));
        }
        return all.build();
    }

    /**
     * A move as a node that died mid-move leaves it: recorded at {@code state}, the tenant frozen
     * and owned by it, the lease held by a node that will never renew it, run out.
     */
    @POST
    @Path("{tenant}/orphaned-move")
    @Transactional
    public JsonObject orphanedMove(
            @PathParam("tenant") String tenant,
            @QueryParam("target") String target,
            @QueryParam("state") String state) {
        Tenant entry = em.find(Tenant.class, tenant);
        String id = UUID.randomUUID().toString();
        TenantMove move = new TenantMove(
                id,
                tenant,
                entry.getPlacement(),
                target,
                entry.getStatus(),
                "a node that died",
                OffsetDateTime.now(ZoneOffset.UTC));
        move.setState(TenantMove.State.valueOf(state));
        em.persist(move);
        entry.setMoveId(id);
        entry.setStatus(TenantStatus.READ_ONLY);
        em.flush();
        em.createNativeQuery("UPDATE tenancy_move SET lease_owner = 'dead-node', lease_until = CURRENT_TIMESTAMP"
                        + " - INTERVAL '1' SECOND WHERE id = ?")
                .setHint("eclipselink.jdbc.allow-native-sql-query", true)
                .setParameter(1, id)
                .executeUpdate();
        return Json.createObjectBuilder().add("id", id).build();
    }

    /**
     * Renames a tenant-owned table of a placement away ({@code broken=true}) or back, as the
     * schema's owner: a placement whose table is missing, for a move that must fail.
     */
    @POST
    @Path("break")
    public void breakTable(
            @QueryParam("placement") String placement,
            @QueryParam("table") String table,
            @QueryParam("broken") boolean broken)
            throws Exception {
        String owner = ConfigProvider.getConfig()
                .getOptionalValue("tenancy.migration.datasource", String.class)
                .or(() -> ConfigProvider.getConfig().getOptionalValue("tenancy.datasource", String.class))
                .orElse("java:comp/DefaultDataSource");
        DataSource dataSource = (DataSource) new InitialContext().lookup(owner);
        String from = broken ? table : table + "_broken";
        String to = broken ? table + "_broken" : table;
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + placements.qualified(placement, from) + " RENAME TO " + to);
        }
    }

    /** Holds the tenant as a replacing restore does while it writes, for as long as the test likes. */
    @POST
    @Path("{tenant}/restore-hold")
    @Produces(MediaType.TEXT_PLAIN)
    public String holdForRestore(@PathParam("tenant") String tenant) {
        return registry.holdForRestore(tenant);
    }

    /** Lets go of {@link #holdForRestore}'s hold, the tenant back to {@code ACTIVE}. */
    @POST
    @Path("{tenant}/restore-hold/release")
    public void release(@PathParam("tenant") String tenant, @QueryParam("hold") String hold) {
        registry.release(tenant, hold.strip(), TenantStatus.ACTIVE);
    }

    @Inject
    Freezer freezer;

    /**
     * A write of a request that began before a move's freeze and writes after it: the tenant bound
     * and read as {@code ACTIVE}, then frozen for a move (committed, as the mover does), then a
     * document created; the freeze let go of after, whatever happened. Answers as the application
     * answers the write.
     */
    @POST
    @Path("{tenant}/write-across-freeze")
    public JsonObject writeAcrossFreeze(@PathParam("tenant") String tenant, @QueryParam("target") String target) {
        String move = UUID.randomUUID().toString();
        return tenants.call(tenant, () -> {
            documents.count();
            freezer.freeze(tenant, move, target);
            try {
                return Json.createObjectBuilder()
                        .add(
                                "id",
                                documents
                                        .create("written after the freeze", "x")
                                        .getId())
                        .build();
            } finally {
                registry.endMove(tenant, move, TenantStatus.ACTIVE, true);
            }
        });
    }

    /** The mover's freeze, in a transaction of its own: committed before the caller goes on. */
    @ApplicationScoped
    public static class Freezer {

        @Inject
        TenantRegistry registry;

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        public void freeze(String tenant, String move, String target) {
            registry.beginMove(tenant, move, target);
        }
    }

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Reads the tenant's documents in a transaction that then rolls back, as a refused write's does. */
    @POST
    @Path("{tenant}/rolled-back-read")
    @Transactional
    public void rolledBackRead(@PathParam("tenant") String tenant) {
        tenants.run(tenant, () -> documents.list(0, 10));
        transactions.setRollbackOnly();
    }

    /**
     * The current schema of {@code count} of the pool's connections, all held at once so that
     * idle ones are among them: what a statement with no tenant, or the next deployment's
     * migrations, would find on them.
     */
    @GET
    @Path("connection-schemas")
    public JsonArray connectionSchemas(@QueryParam("count") int count) throws Exception {
        String name = ConfigProvider.getConfig()
                .getOptionalValue("tenancy.datasource", String.class)
                .orElse("java:comp/DefaultDataSource");
        DataSource dataSource = (DataSource) new InitialContext().lookup(name);
        List<Connection> held = new ArrayList<>();
        JsonArrayBuilder schemas = Json.createArrayBuilder();
        try {
            for (int i = 0; i < count; i++) {
                Connection connection = dataSource.getConnection();
                held.add(connection);
                schemas.add(String.valueOf(connection.getSchema()));
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        return schemas.build();
    }

    /** Changes a document of the tenant and keeps its transaction open for {@code millis} before committing. */
    @POST
    @Path("{tenant}/slow-update/{document}")
    @Transactional
    public void slowUpdate(
            @PathParam("tenant") String tenant,
            @PathParam("document") String document,
            @QueryParam("content") String content,
            @QueryParam("millis") long millis)
            throws InterruptedException {
        tenants.run(tenant, () -> {
            var found = documents.get(document);
            documents.update(document, found.getTitle(), content);
        });
        Thread.sleep(millis);
    }

    /** The requests counting across a move, by tenant: counted once, and let go on by the test. */
    private static final Map<String, CountDownLatch[]> ACROSS_MOVE = new ConcurrentHashMap<>();

    /**
     * Counts the tenant's documents, waits until the test lets it go on ({@link #goOn}), and counts
     * again, each count in a transaction of its own, in one request: as a request does that
     * reads, and reads again after the tenant moved meanwhile.
     */
    @POST
    @Path("{tenant}/count-across-move")
    public JsonObject countAcrossMove(@PathParam("tenant") String tenant) throws InterruptedException {
        return countTwice(tenant);
    }

    /** {@link #countAcrossMove} with both counts in one transaction. */
    @POST
    @Path("{tenant}/count-across-move-in-one-transaction")
    @Transactional
    public JsonObject countAcrossMoveInOneTransaction(@PathParam("tenant") String tenant) throws InterruptedException {
        return countTwice(tenant);
    }

    /** Whether the request counting across a move has counted once. */
    @GET
    @Path("{tenant}/count-across-move/counted")
    public JsonObject counted(@PathParam("tenant") String tenant) {
        CountDownLatch[] gates = ACROSS_MOVE.get(tenant);
        return Json.createObjectBuilder()
                .add("counted", gates != null && gates[0].getCount() == 0)
                .build();
    }

    /** Lets the request counting across a move count again; nothing when none is waiting. */
    @POST
    @Path("{tenant}/count-across-move/go-on")
    public void goOn(@PathParam("tenant") String tenant) {
        CountDownLatch[] gates = ACROSS_MOVE.get(tenant);
        if (gates != null) {
            gates[1].countDown();
        }
    }

    private JsonObject countTwice(String tenant) throws InterruptedException {
        CountDownLatch[] gates = ACROSS_MOVE.computeIfAbsent(tenant, t -> gates());
        try {
            long[] before = new long[1];
            tenants.run(tenant, () -> before[0] = documents.count());
            gates[0].countDown();
            if (!gates[1].await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The test did not let the count go on within 60 s");
            }
            long[] after = new long[1];
            tenants.run(tenant, () -> after[0] = documents.count());
            return Json.createObjectBuilder()
                    .add("before", before[0])
                    .add("after", after[0])
                    .build();
        } finally {
            ACROSS_MOVE.remove(tenant);
        }
    }

    private static CountDownLatch[] gates() {
        return new CountDownLatch[] {new CountDownLatch(1), new CountDownLatch(1)};
    }
}
