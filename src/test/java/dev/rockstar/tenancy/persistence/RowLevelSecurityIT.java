package dev.rockstar.tenancy.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.RowLevelSecurityProbe;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TwoTenantsTest;

/**
 * PostgreSQL's row-level security behind EclipseLink's tenant filter: a native query with no
 * tenant predicate, on the application's own connection, sees the current tenant's rows only, and
 * with no tenant none; the application runs as a role that the policies bind (not the owner); the
 * operators' paths across tenants (the owner of a row asked for by id, offboarding, tenant users)
 * keep working.
 */
@EnabledIfSystemProperty(named = "it.database", matches = "postgresql",
        disabledReason = "row-level security is PostgreSQL's; the embedded H2 has none and the migration leaves it alone")
class RowLevelSecurityIT extends TwoTenantsTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addClasses(RowLevelSecurityProbe.class, RowLevelSecurityProbe.Scoped.class,
                RowLevelSecurityProbe.Unscoped.class);
    }

    @Override
    protected String prefix() {
        return "rls";
    }

    @BeforeEach
    void documents() {
        document(a, "a one");
        document(a, "a two");
        document(b, "b one");
    }

    @Test
    void anUnfilteredNativeQuerySeesOnlyTheCurrentTenantsRows() {
        JsonObject ofA = client.get(a, "/api/test/rls/unfiltered").assertJson(200);
        assertEquals(System.getProperty("it.postgres.app-user"), ofA.getString("user"),
                "the application connects as the role granted only DML");
        assertTrue(ofA.getBoolean("rowSecurityActive"), "the policies bind the application's role");
        assertEquals(2, ofA.getJsonArray("rows").size(), ofA::toString);
        assertOnlyTenant(TenancyClient.idOf(a), ofA.getJsonArray("rows"));

        JsonObject ofB = client.get(b, "/api/test/rls/unfiltered").assertJson(200);
        assertEquals(1, ofB.getJsonArray("rows").size(), ofB::toString);
        assertOnlyTenant(TenancyClient.idOf(b), ofB.getJsonArray("rows"));
    }

    @Test
    void withNoTenantTheUnfilteredQuerySeesNothing() {
        JsonObject inTransaction = client.get("localhost", "/api/test/rls-untenanted/unfiltered").assertJson(200);
        assertEquals(0, inTransaction.getJsonArray("rows").size(), inTransaction::toString);
        assertTrue(inTransaction.getBoolean("rowSecurityActive"));
    }

    @Test
    void aPooledConnectionNeverCarriesTheTenantOfItsLastUser() {
        for (int round = 0; round < 20; round++) {
            // reads outside a transaction: EclipseLink's read connections, tenant set for the session
            assertEquals(2, client.get(a, "/api/documents").assertJson(200).getInt("total"));
            assertEquals(2, client.get(a, "/api/test/rls/unfiltered").assertJson(200).getJsonArray("rows").size());
            JsonObject pooled = client.get("localhost", "/api/test/rls-untenanted/pooled").assertJson(200);
            assertEquals(0, pooled.getJsonArray("rows").size(), pooled::toString);
        }
    }

    @Test
    void anotherTenantsIdIsStillRecognisedAndAudited() throws InterruptedException {
        String idOfB = client.get(b, "/api/documents").assertJson(200).getJsonArray("items").getJsonObject(0).getString("id");
        client.get(a, "/api/documents/" + idOfB).assertProblem(404, "NOT_FOUND");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        boolean audited = false;
        while (!audited && Instant.now().isBefore(deadline)) {
            JsonArray entries = client.admin("GET", "/audit?tenant=" + TenancyClient.idOf(a) + "&limit=100", null)
                    .assertJson(200).getJsonArray("items");
            audited = entries.stream().map(JsonValue::asJsonObject)
                    .anyMatch(e -> e.getString("detail", "").contains("belongs to tenant '" + TenancyClient.idOf(b) + "'"));
            if (!audited) {
                Thread.sleep(200);
            }
        }
        assertTrue(audited, "the owner of B's row is found across tenants (CrossTenantAccess) and audited");
    }

    @Test
    void tenantUsersAndOffboardingWorkUnderThePolicies() throws SQLException {
        String idOfB = TenancyClient.idOf(b);
        client.admin("POST", "/tenants/" + idOfB + "/users",
                "{\"username\":\"rita\",\"password\":\"password-of-rita\",\"roles\":[\"user\"]}").assertStatus(201);
        client.postJson(b, "/api/login", "{\"username\":\"rita\",\"password\":\"password-of-rita\"}").assertStatus(200);
        assertEquals(1, rowsOf(idOfB, "tenant_user"));
        assertEquals(1, rowsOf(idOfB, "document"));

        client.admin("DELETE", "/tenants/" + idOfB, null).assertStatus(204);
        assertEquals(0, rowsOf(idOfB, "document"), "offboarding deleted the tenant's documents");
        assertEquals(0, rowsOf(idOfB, "tenant_user"), "and its users");
        assertEquals(2, rowsOf(TenancyClient.idOf(a), "document"), "and nobody else's");
    }

    private void document(String host, String title) {
        client.postJson(host, "/api/documents", "{\"title\":\"" + title + "\",\"content\":\"of " + host + "\"}")
                .assertStatus(201);
    }

    private static void assertOnlyTenant(String tenant, JsonArray rows) {
        assertFalse(rows.isEmpty());
        rows.forEach(row -> assertEquals(tenant, row.asJsonObject().getString("tenant"), rows::toString));
    }

    /** As the tables' owner, whom the policies do not bind: what is really stored. */
    private static long rowsOf(String tenant, String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(System.getProperty("it.postgres.url"),
                System.getProperty("it.postgres.user"), System.getProperty("it.postgres.password"));
             PreparedStatement count = connection.prepareStatement("select count(*) from " + table + " where tenant_id = ?")) {
            count.setString(1, tenant);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
