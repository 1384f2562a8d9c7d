package dev.rockstar.tenancy.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.PlacementDatabase;
import dev.rockstar.tenancy.testing.PostgresRole;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TenancyClient.Reply;
import dev.rockstar.tenancy.testing.Wait;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A placement on a database of its own ({@value Deployments#DATABASE_PLACEMENT}, the build's
 * second PostgreSQL database, through datasources of its own): where a tenant's rows are is read
 * straight from each database, as the test's own roles, not through the routing under test.
 */
@EnabledIfSystemProperty(
        named = "it.database",
        matches = "postgresql",
        disabledReason = "the build's PostgreSQL holds the placement's database; the embedded H2 runs have none")
@Tag(DependsOnDatabase.TAG)
class PlacementDatabaseIT extends DeployedWarTest {

    private static final String VAULT = Deployments.DATABASE_PLACEMENT;
    private static final List<String> TABLES = List.of("document", "document_comment", "tenant_user");

    /** GlassFish runs the first test only: the rest is the same code on the same PostgreSQL. */
    private static final String GLASSFISH_SMOKE =
            "a smoke test on GlassFish: its first test; Payara and WildFly run them all";

    static boolean onGlassFish() {
        return Deployments.isGlassFish();
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void aTenantInADatabasePlacementHasItsRowsInThatDatabaseAloneAndSharesNothing() throws Exception {
        String a = client.newTenant("dba", VAULT);
        String b = client.newTenant("dbb", VAULT);
        String c = client.newTenant("dbc");
        assertEquals(
                VAULT,
                client.admin("GET", "/tenants/" + id(a), null).assertJson(200).getString("placement"));
        String doc = client.newDocument(a, "Plan of A", "secret of A");
        client.postJson(a, "/api/documents/" + doc + "/comments", "{\"text\":\"comment of A\"}")
                .assertStatus(201);
        client.createUser(a, "alice", "alice-password-1", "[]");

        assertEquals(3, rowsInVault(a), "a document, a comment and a user, in the placement's database");
        assertEquals(0, rowsInMainDatabase(a), "nothing of A's in the main database");
        assertTrue(placedInVault(a), "its row in the placement's tenant table");
        client.newDocument(b, "Plan of A", "B's own");
        client.newDocument(c, "Plan of A", "C's own");
        for (String other : new String[] {b, c}) {
            client.get(other, "/api/documents/" + doc).assertProblem(404, "NOT_FOUND");
            assertFalse(client.get(other, "/api/documents").body().contains("secret of A"));
            client.login(other, "alice", "alice-password-1").assertStatus(401);
        }
        assertEquals(1, client.get(a, "/api/documents").json().getInt("total"));
        client.login(a, "alice", "alice-password-1").assertStatus(200);
        assertEquals(1, rowsInVault(b));
        assertEquals(0, rowsInVault(c));
        assertEquals(1, rowsInMainDatabase(c));
        // the database's own wall: the application's role sees none of A's rows without A's setting
        try (Connection app = PlacementDatabase.connect(PostgresRole.APPLICATION);
                PreparedStatement select = app.prepareStatement("select count(*) from document where tenant_id = ?")) {
            select.setString(1, id(a));
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                assertEquals(0, rows.getLong(1), "row-level security in the placement's database too");
            }
        }
    }

    @Test
    @DisabledIf(value = "onGlassFish", disabledReason = GLASSFISH_SMOKE)
    void movesGoEveryWayBetweenSharedSchemaAndDatabaseAndKeepEveryRow() throws Exception {
        String a = client.newTenant("dbmove");
        String doc = client.newDocument(a, "Travelling", "light");
        client.postJson(a, "/api/documents/" + doc + "/comments", "{\"text\":\"on the road\"}")
                .assertStatus(201);
        client.createUser(a, "alice", "alice-password-1", "[]");
        long expected = 3;
        String[] route = {VAULT, "premium", VAULT, "shared"};
        for (String to : route) {
            Reply started = client.admin("PUT", "/tenants/" + id(a) + "/placement", "{\"placement\":\"" + to + "\"}");
            started.assertJson(202);
            JsonObject done = client.awaitMoveEnd(started.header("Location"));
            assertEquals("DONE", done.getString("state"), done::toString);
            assertEquals(expected, done.getInt("rowsCopied"), done::toString);
            assertEquals(
                    to,
                    client.admin("GET", "/tenants/" + id(a), null)
                            .assertJson(200)
                            .getString("placement"));
            assertEquals(
                    "light",
                    client.get(a, "/api/documents/" + doc).assertJson(200).getString("content"));
            client.login(a, "alice", "alice-password-1").assertStatus(200);
            client.newDocument(a, "Written in " + to + " " + expected, "here");
            expected++;
            boolean inVault = to.equals(VAULT);
            assertEquals(inVault ? expected : 0, rowsInVault(a), "after the move to " + to);
            assertEquals(inVault ? 0 : expected, rowsInMainDatabase(a), "after the move to " + to);
            assertEquals(inVault, placedInVault(a), "the placement's tenant table follows the tenant");
        }
        assertEquals(expected - 2, client.get(a, "/api/documents").json().getInt("total"));
    }

    @Test
    @DisabledIf(value = "onGlassFish", disabledReason = GLASSFISH_SMOKE)
    void theTenantNamesTheConnectionItHoldsInPgStatActivity() throws Exception {
        String a = client.newTenant("dbname", VAULT);
        String doc = client.newDocument(a, "Named", "connection");
        CompletableFuture<Reply> slow =
                CompletableFuture.supplyAsync(() -> new TenancyClient(client.port(), Duration.ofSeconds(60))
                        .send(
                                "POST",
                                "localhost",
                                "/api/test/placements/" + id(a) + "/slow-update/" + doc + "?content=held&millis=3000",
                                null,
                                null));
        try (Connection app = PostgresRole.APPLICATION.connect()) {
            String named = Wait.until(
                    "a connection named for tenant " + id(a),
                    Duration.ofSeconds(10),
                    () -> connections(app),
                    seen -> seen.contains("tenancy:" + id(a) + " in ") || slow.isDone());
            assertFalse(slow.isDone(), () -> "the held update ended first: " + slow.join());
            assertTrue(
                    named.contains("tenancy:" + id(a) + " in " + PlacementDatabase.name() + ";"),
                    "its connection is its placement's database's: " + named);
        }
        slow.join().assertStatus(204);
    }

    @Test
    @DisabledIf(value = "onGlassFish", disabledReason = GLASSFISH_SMOKE)
    void offboardingErasesItsRowsAndItsPlaceInTheDatabase() throws Exception {
        String a = client.newTenant("dbgone", VAULT);
        client.newDocument(a, "To go", "soon");
        client.createUser(a, "alice", "alice-password-1", "[]");
        assertEquals(2, rowsInVault(a));
        client.admin("DELETE", "/tenants/" + id(a), null).assertStatus(204);
        assertEquals(0, rowsInVault(a), "its rows went with it");
        assertFalse(placedInVault(a));
        // the same id registered again starts with nothing
        String again = client.newTenant("dbgone-x", VAULT);
        assertEquals(0, rowsInVault(again));
    }

    @Test
    @DisabledIf(value = "onGlassFish", disabledReason = GLASSFISH_SMOKE)
    void anArchiveRestoresIntoTheDatabaseAndOverATenantThere() throws Exception {
        String a = client.newTenant("dbarc");
        client.newDocument(a, "Archived", "one");
        client.newDocument(a, "Archived too", "two");
        byte[] archive = client.adminDownload("/tenants/" + id(a) + "/archive");
        String clone = id(a) + "-v";
        client.adminUpload(
                        "POST", "/tenants/restore?id=" + clone + "&host=" + clone + ".test&placement=" + VAULT, archive)
                .assertJson(201);
        String cloneHost = clone + ".test";
        assertEquals(2, rowsInVault(cloneHost));
        assertEquals(0, rowsInMainDatabase(cloneHost));
        assertEquals(2, client.get(cloneHost, "/api/documents").json().getInt("total"));

        // over a tenant in the database: its rows replaced by the archive's, whole
        client.newDocument(cloneHost, "Written after", "three");
        assertEquals(3, rowsInVault(cloneHost));
        byte[] ofClone = client.adminDownload("/tenants/" + clone + "/archive");
        client.newDocument(cloneHost, "Written later", "four");
        client.adminUpload("POST", "/tenants/restore?replace=true", ofClone).assertStatus(201);
        assertEquals(3, rowsInVault(cloneHost));
        assertEquals(3, client.get(cloneHost, "/api/documents").json().getInt("total"));
        assertEquals(
                "ACTIVE",
                client.admin("GET", "/tenants/" + clone, null).assertJson(200).getString("status"));
    }

    @Test
    @DisabledIf(value = "onGlassFish", disabledReason = GLASSFISH_SMOKE)
    void aStoppedPlacementDatabaseAnswers503ForItsTenantsAloneAndComesBackByItself() throws Exception {
        String inVault = client.newTenant("dbdown", VAULT);
        String elsewhere = client.newTenant("dbup", "premium");
        client.newDocument(inVault, "Kept", "while away");
        TenancyClient patient = new TenancyClient(client.port(), Duration.ofSeconds(60));
        try {
            PlacementDatabase.stop();
            long start = System.nanoTime();
            patient.get(inVault, "/api/documents").assertProblem(503, "UNAVAILABLE");
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMillis < 30_000, "answered within the pool's wait, not hung: " + tookMillis + " ms");
            patient.postJson(inVault, "/api/documents", "{\"title\":\"Lost?\",\"content\":\"no\"}")
                    .assertProblem(503, "UNAVAILABLE");
            client.get(elsewhere, "/api/documents").assertStatus(200);
            client.newDocument(elsewhere, "Served", "as before");
            client.get("acme.test", "/api/tenant/info").assertStatus(200);
        } finally {
            PlacementDatabase.start();
        }
        Wait.until(
                "the placement's tenant served again",
                Duration.ofSeconds(60),
                () -> patient.get(inVault, "/api/documents"),
                reply -> reply.status() == 200);
        assertEquals(
                1, client.get(inVault, "/api/documents").json().getInt("total"), "nothing lost, nothing half-written");
        client.newDocument(inVault, "After", "the outage");
    }

    /**
     * A request that read the tenant, then reads it again after the tenant moved to or from the
     * placement's database meanwhile (its source rows deleted by then): it reads the tenant where
     * it is now, never the emptied source or a schema it has no rows in; within one transaction,
     * which is one database's, it is refused 503 and retried, never answered empty.
     */
    @Test
    @DisabledIf(value = "onGlassFish", disabledReason = GLASSFISH_SMOKE)
    void aRequestThatReadsAgainAfterItsTenantMovedToAnotherDatabaseReadsItWhereItIsNow() throws Exception {
        String a = client.newTenant("dbacross", "premium");
        client.newDocument(a, "Still here", "after the move");
        for (String to : new String[] {VAULT, "premium"}) {
            JsonObject counts = countAcrossMove(a, "count-across-move", to).assertJson(200);
            assertEquals(1, counts.getInt("before"), counts::toString);
            assertEquals(1, counts.getInt("after"), () -> "read again after the move to " + to + ": " + counts);
        }
        Reply refused = countAcrossMove(a, "count-across-move-in-one-transaction", VAULT);
        refused.assertProblem(503, "UNAVAILABLE");
        assertEquals("1", refused.header("Retry-After"), refused::toString);
        assertEquals(1, client.get(a, "/api/documents").json().getInt("total"));
    }

    /**
     * Starts {@code probe}'s two counts; once it has counted, moves the tenant to {@code to} and
     * waits for the move to be over (its source rows deleted); then lets it count again.
     */
    private Reply countAcrossMove(String host, String probe, String to) throws Exception {
        String path = "/api/test/placements/" + id(host) + "/" + probe;
        CompletableFuture<Reply> counting = CompletableFuture.supplyAsync(() ->
                new TenancyClient(client.port(), Duration.ofSeconds(90)).send("POST", "localhost", path, null, null));
        try {
            Wait.until(
                    "the first count",
                    Duration.ofSeconds(30),
                    () -> client.send(
                                    "GET",
                                    "localhost",
                                    "/api/test/placements/" + id(host) + "/count-across-move/counted",
                                    null,
                                    null)
                            .assertJson(200),
                    seen -> seen.getBoolean("counted") || counting.isDone());
            assertFalse(counting.isDone(), () -> "the count ended early: " + counting.join());
            Reply started =
                    client.admin("PUT", "/tenants/" + id(host) + "/placement", "{\"placement\":\"" + to + "\"}");
            started.assertJson(202);
            JsonObject done = client.awaitMoveEnd(started.header("Location"));
            assertEquals("DONE", done.getString("state"), done::toString);
            boolean inVault = to.equals(VAULT);
            assertEquals(inVault ? 1 : 0, rowsInVault(host), "the document in " + to + " alone");
            assertEquals(inVault ? 0 : 1, rowsInMainDatabase(host), "the document in " + to + " alone");
        } finally {
            client.send(
                    "POST", "localhost", "/api/test/placements/" + id(host) + "/count-across-move/go-on", null, null);
        }
        return counting.get(90, TimeUnit.SECONDS);
    }

    private static String id(String host) {
        return TenancyClient.idOf(host);
    }

    /** The tenant's rows in the placement's database, read there as its owner. */
    private static long rowsInVault(String host) throws SQLException {
        try (Connection owner = PlacementDatabase.connect(PostgresRole.OWNER)) {
            return rowsOf(owner, id(host), "public");
        }
    }

    /** The tenant's rows in the main database, in its shared tables and every schema placement. */
    private static long rowsInMainDatabase(String host) throws SQLException {
        try (Connection owner = PostgresRole.OWNER.connect()) {
            return rowsOf(owner, id(host), "public")
                    + rowsOf(owner, id(host), "tenancy_premium")
                    + rowsOf(owner, id(host), "tenancy_eu");
        }
    }

    private static long rowsOf(Connection connection, String tenant, String schema) throws SQLException {
        long total = 0;
        for (String table : TABLES) {
            try (PreparedStatement count = connection.prepareStatement(
                    "select count(*) from " + schema + "." + table + " where tenant_id = ?")) {
                count.setString(1, tenant);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    total += rows.getLong(1);
                }
            }
        }
        return total;
    }

    private static boolean placedInVault(String host) throws SQLException {
        try (Connection owner = PlacementDatabase.connect(PostgresRole.OWNER);
                PreparedStatement select = owner.prepareStatement("select 1 from tenant where id = ?")) {
            select.setString(1, id(host));
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** Every connection's application name and database, as {@code pg_stat_activity} shows them: {@code "name in db;"}. */
    private static String connections(Connection connection) throws SQLException {
        StringBuilder seen = new StringBuilder();
        try (PreparedStatement select = connection.prepareStatement(
                        "select application_name, datname from pg_stat_activity where datname is not null");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                seen.append(rows.getString(1))
                        .append(" in ")
                        .append(rows.getString(2))
                        .append(';');
            }
        }
        return seen.toString();
    }
}
