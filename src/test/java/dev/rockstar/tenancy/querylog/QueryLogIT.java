package dev.rockstar.tenancy.querylog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.PrometheusText;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.Wait;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One tenant's query log: its own statements with durations, never another tenant's (nor the
 * framework's JDBC of an operator's cross-tenant reads, nor PostgreSQL's tenant settings on the
 * connection, hence on both databases), values only when asked, off by itself, audited, and bad
 * input refused.
 */
@Tag(DependsOnDatabase.TAG)
class QueryLogIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void aTenantsLogShowsItsOwnStatementsAndNeverAnotherTenants() {
        String a = client.newTenant("qla");
        String b = client.newTenant("qlb");
        String idA = TenancyClient.idOf(a);
        String idB = TenancyClient.idOf(b);
        assertOff(idA);

        JsonObject on = client.admin("PUT", "/tenants/" + idA + "/query-log", "{\"minutes\": 1, \"values\": true}")
                .assertJson(200);
        assertTrue(on.getBoolean("on"), on::toString);
        assertTrue(on.getBoolean("values"), on::toString);

        String mark = Long.toHexString(System.nanoTime());
        client.newDocument(b, "b-secret-" + mark, "b");
        client.newDocument(a, "a-visible-" + mark, "a");
        client.get(a, "/api/documents").assertStatus(200);
        client.get(b, "/api/documents").assertStatus(200);
        // an operator's reads across tenants: counts and an archive of B, by the framework's own JDBC
        client.admin("GET", "/tenants/" + idB + "/footprint", null).assertStatus(200);
        client.adminDownload("/tenants/" + idB + "/archive");
        client.admin("GET", "/tenants/" + idA + "/footprint", null).assertStatus(200);

        List<JsonObject> statements = statements(idA);
        assertTrue(
                statements.stream()
                        .anyMatch(s -> s.getString("sql").toUpperCase().startsWith("INSERT")
                                && s.getString("values", "").contains("a-visible-" + mark)),
                () -> "A's insert with its values: " + statements);
        assertTrue(
                statements.stream()
                        .anyMatch(s -> s.getString("sql").toUpperCase().startsWith("SELECT")),
                () -> "A's reads: " + statements);
        for (JsonObject statement : statements) {
            assertTrue(statement.getJsonNumber("durationMillis").doubleValue() >= 0, statement::toString);
            assertFalse(statement.toString().contains(idB), () -> "B in A's log: " + statement);
            assertFalse(statement.toString().contains("b-secret-" + mark), () -> "B's data in A's log: " + statement);
        }
        assertOff(idB);

        client.awaitAudit(
                "tenant=" + idA,
                e -> e.getString("event").equals("TENANT_QUERY_LOG_ON")
                        && e.getString("actor").equals("admin"));

        client.admin("DELETE", "/tenants/" + idA + "/query-log", null).assertStatus(204);
        assertOff(idA);
    }

    @Test
    void valuesAreRedactedUnlessAskedFor() {
        String a = client.newTenant("qlr");
        String id = TenancyClient.idOf(a);
        JsonObject on = client.admin("PUT", "/tenants/" + id + "/query-log", "{\"minutes\": 1}")
                .assertJson(200);
        assertFalse(on.getBoolean("values"), on::toString);
        String mark = "hidden-" + Long.toHexString(System.nanoTime());
        client.newDocument(a, mark, mark);
        List<JsonObject> statements = statements(id);
        assertTrue(
                statements.stream()
                        .anyMatch(s -> s.getString("sql").toUpperCase().startsWith("INSERT")),
                statements::toString);
        for (JsonObject statement : statements) {
            assertFalse(statement.containsKey("values"), statement::toString);
            assertFalse(statement.toString().contains(mark), statement::toString);
        }
    }

    @Test
    void theLogEndsByItself() {
        String a = client.newTenant("qle");
        String id = TenancyClient.idOf(a);
        // 1.2 seconds
        client.admin("PUT", "/tenants/" + id + "/query-log", "{\"minutes\": 0.02}")
                .assertJson(200);
        client.get(a, "/api/documents").assertStatus(200);
        Wait.until(
                "the query log to end by itself",
                Duration.ofSeconds(15),
                () -> client.admin("GET", "/tenants/" + id + "/query-log", null).assertJson(200),
                log -> !log.getBoolean("on"));
        client.get(a, "/api/documents").assertStatus(200);
        assertOff(id);
    }

    @Test
    void aTenantsSqlIsCountedInItsOwnMetrics() {
        String a = client.newTenant("qlm");
        String b = client.newTenant("qln");
        client.newDocument(a, "one", "1");
        client.newDocument(a, "two", "2");
        PrometheusText before = scrape();
        client.get(a, "/api/documents").assertStatus(200);
        PrometheusText after = scrape();
        String rows = "tenancy_sql_rows_read_total";
        assertTrue(
                after.value(rows, TenancyClient.idOf(a)) - before.value(rows, TenancyClient.idOf(a)) >= 2,
                after::toString);
        assertEquals(before.value(rows, TenancyClient.idOf(b)), after.value(rows, TenancyClient.idOf(b)));
        assertTrue(after.value("tenancy_sql_seconds_total", TenancyClient.idOf(a)) > 0, after::toString);
    }

    @Test
    void badInputIsRefusedWithAProblem() {
        String id = TenancyClient.idOf(client.newTenant("qlbad"));
        String path = "/tenants/" + id + "/query-log";
        for (String body : List.of(
                "{}",
                "{\"minutes\": 0}",
                "{\"minutes\": -5}",
                "{\"minutes\": 1441}",
                "{\"minutes\": 1e400}",
                "{\"minutes\": \"15\"}",
                "{\"minutes\": null}",
                "{\"minutes\": 15, \"values\": \"yes\"}",
                "{\"minutes\": 15, \"other\": 1}",
                "{\"minutes\": 15",
                "[15]",
                "")) {
            client.admin("PUT", path, body).assertProblem(400, "VALIDATION_FAILED");
        }
        assertOff(id);
        client.admin("PUT", "/tenants/no-such-tenant/query-log", "{\"minutes\": 1}")
                .assertProblem(404, "NOT_FOUND");
        client.admin("GET", "/tenants/no-such-tenant/query-log", null).assertProblem(404, "NOT_FOUND");
        client.admin("DELETE", "/tenants/no-such-tenant/query-log", null).assertProblem(404, "NOT_FOUND");
    }

    private List<JsonObject> statements(String tenantId) {
        JsonObject log =
                client.admin("GET", "/tenants/" + tenantId + "/query-log", null).assertJson(200);
        assertTrue(log.getBoolean("on"), log::toString);
        return log.getJsonArray("statements").getValuesAs(JsonObject.class);
    }

    private void assertOff(String tenantId) {
        JsonObject log =
                client.admin("GET", "/tenants/" + tenantId + "/query-log", null).assertJson(200);
        assertFalse(log.getBoolean("on"), log::toString);
        assertTrue(log.getJsonArray("statements").isEmpty(), log::toString);
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(client.metrics(PrometheusText.applicationMetrics(), "text/plain")
                .assertStatus(200)
                .body());
    }
}
