package dev.rockstar.tenancy.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.PostgresRole;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.Wait;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A schema placement whose migrations fail at start: its tenants answer 503 {@code UNAVAILABLE}
 * with {@code Retry-After} and nothing of theirs is touched, every other tenant (in {@code shared}
 * and in another placement) is served, and once an operator has fixed the schema the placement
 * comes up by itself at the next retry, without a restart.
 *
 * <p>The failure has to be there before the server starts, as migrations run only then: the
 * deployment method, which Arquillian calls before it deploys, leaves a table in the placement's
 * schema that its first migration creates, so that migration fails. That needs the test to reach the database itself,
 * and a deployment of its own (the extra placement, a 2-second retry): so it runs in one execution
 * only, Payara Micro 6 on PostgreSQL; what it checks is the framework's own logic, the same on
 * every server.
 */
@Tag(DependsOnDatabase.TAG)
@EnabledIf("onPayaraSixAndPostgres")
class PlacementUnavailableIT extends DeployedWarTest {

    private static final String BROKEN = "broken";
    private static final String SCHEMA = "tenancy_broken";

    static boolean onPayaraSixAndPostgres() {
        // Payara Micro 7's execution is told from 6's by the Java it requires
        return Deployments.isPostgres() && Deployments.isPayara() && System.getProperty("it.required.java") == null;
    }

    @Deployment(testable = false)
    static WebArchive deployment() throws SQLException {
        try (Connection owner = PostgresRole.OWNER.connect();
                Statement statement = owner.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        // A history older than the placement's migrations, so that Flyway runs them, and a table the
        // first of them creates, left there as an operator's mistake could: that migration fails.
        Flyway.configure(PlacementUnavailableIT.class.getClassLoader())
                .dataSource(PostgresRole.url(), PostgresRole.OWNER.user(), PostgresRole.OWNER.password())
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .table("tenancy_placement_history")
                .baselineVersion("1")
                .load()
                .baseline();
        execute("CREATE TABLE " + SCHEMA + ".document (left_over INTEGER)");
        return Deployments.war(Map.of(
                "tenancy.placements", Deployments.PLACEMENTS + "," + BROKEN, "tenancy.placements.retry-seconds", "2"));
    }

    @Test
    void itsTenantsAnswer503WhileEveryoneElseIsServedAndItComesBackOnceItsSchemaIsFixed() throws Exception {
        String shared = client.newTenant("avs");
        String premium = client.newTenant("avp", "premium");
        // registration refuses a placement that is not up: the tenant is put there as the registry has it
        String broken = registerInBrokenPlacement("avb");
        try {
            client.get(broken, "/api/documents").assertProblem(503, "UNAVAILABLE");
            assertEquals(
                    String.valueOf(30),
                    client.get(broken, "/api/documents").header("Retry-After"),
                    "Retry-After on a tenant of the unavailable placement");
            client.postJson(broken, "/api/documents", "{\"title\":\"refused\",\"content\":\"x\"}")
                    .assertProblem(503, "UNAVAILABLE");
            for (String served : new String[] {shared, premium}) {
                client.postJson(served, "/api/documents", "{\"title\":\"while broken\",\"content\":\"x\"}")
                        .assertStatus(201);
                assertEquals(1, client.get(served, "/api/documents").json().getInt("total"), served);
            }
            client.get("acme.test", "/api/documents").assertStatus(200);
            // tried again every 2 s, and still failing while the left-over table is there
            Thread.sleep(2_500);
            client.get(broken, "/api/documents").assertProblem(503, "UNAVAILABLE");

            execute("DROP TABLE " + SCHEMA + ".document");
            Wait.until(
                    "the placement up again at a retry",
                    Duration.ofSeconds(20),
                    () -> client.get(broken, "/api/documents").status() == 200);
            client.postJson(broken, "/api/documents", "{\"title\":\"after the fix\",\"content\":\"kept\"}")
                    .assertStatus(201);
            assertEquals(1, client.get(broken, "/api/documents").json().getInt("total"));
            assertEquals(1L, count("select count(*) from " + SCHEMA + ".document where tenant_id = ?", idOf(broken)));
            client.get(shared, "/api/documents").assertStatus(200);
        } finally {
            client.admin("DELETE", "/tenants/" + idOf(broken), null);
        }
        client.get(broken, "/api/documents").assertProblem(404, "TENANT_NOT_FOUND");
    }

    /** A tenant with one host {@code <id>.test} in the broken placement, inserted into the registry directly. */
    private static String registerInBrokenPlacement(String prefix) throws SQLException {
        String id = prefix + "-" + Long.toHexString(System.nanoTime());
        try (Connection owner = PostgresRole.OWNER.connect()) {
            // the configuration and status of a tenant the deployment registered, so that only the placement differs
            try (PreparedStatement tenant = owner.prepareStatement(
                    "insert into tenant"
                            + " (id, name, status, config, created_at, row_version, placement)"
                            + " select ?, 'In a broken placement', status, config, created_at, 0, ? from tenant where id = 'acme'")) {
                tenant.setString(1, id);
                tenant.setString(2, BROKEN);
                assertEquals(1, tenant.executeUpdate());
            }
            try (PreparedStatement host =
                    owner.prepareStatement("insert into tenant_host (host, tenant_id) values (?, ?)")) {
                host.setString(1, id + ".test");
                host.setString(2, id);
                host.executeUpdate();
            }
        }
        return id + ".test";
    }

    private static String idOf(String host) {
        return TenancyClient.idOf(host);
    }

    private static void execute(String sql) throws SQLException {
        try (Connection owner = PostgresRole.OWNER.connect();
                Statement statement = owner.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(String sql, String parameter) throws SQLException {
        try (Connection owner = PostgresRole.OWNER.connect();
                PreparedStatement query = owner.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
