package dev.rockstar.tenancy.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.PostgresRole;
import dev.rockstar.tenancy.testing.RowLevelSecurityProbe;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TwoTenantsTest;
import dev.rockstar.tenancy.testing.Wait;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * PostgreSQL's row-level security behind EclipseLink's tenant filter: a native query with no
 * tenant predicate, on the application's own connection, sees the current tenant's rows only, and
 * with no tenant none; the application runs as a role that the policies bind (not the owner); the
 * operators' paths across tenants (the owner of a row asked for by id, offboarding, tenant users)
 * keep working. The application's role cannot become the owner, and the owner's two functions
 * (V10) answer only the application's role, and only about their fixed tables and columns.
 */
@EnabledIfSystemProperty(
        named = "it.database",
        matches = "postgresql",
        disabledReason =
                "row-level security is PostgreSQL's; the embedded H2 has none and the migration leaves it alone")
@Tag(DependsOnDatabase.TAG)
class RowLevelSecurityIT extends TwoTenantsTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war()
                .addClasses(
                        RowLevelSecurityProbe.class,
                        RowLevelSecurityProbe.Scoped.class,
                        RowLevelSecurityProbe.Unscoped.class);
    }

    /** The test reads the main schema's tables directly. */
    @Override
    protected String placement() {
        return "shared";
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
        assertEquals(
                PostgresRole.APPLICATION.user(),
                ofA.getString("user"),
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
        JsonObject inTransaction =
                client.get("localhost", "/api/test/rls-untenanted/unfiltered").assertJson(200);
        assertEquals(0, inTransaction.getJsonArray("rows").size(), inTransaction::toString);
        assertTrue(inTransaction.getBoolean("rowSecurityActive"));
    }

    @Test
    void aPooledConnectionNeverCarriesTheTenantOfItsLastUser() {
        for (int round = 0; round < 20; round++) {
            // reads outside a transaction: EclipseLink's read connections, tenant set for the session
            assertEquals(2, client.get(a, "/api/documents").assertJson(200).getInt("total"));
            assertEquals(
                    2,
                    client.get(a, "/api/test/rls/unfiltered")
                            .assertJson(200)
                            .getJsonArray("rows")
                            .size());
            JsonObject pooled =
                    client.get("localhost", "/api/test/rls-untenanted/pooled").assertJson(200);
            assertEquals(0, pooled.getJsonArray("rows").size(), pooled::toString);
        }
    }

    @Test
    void anotherTenantsIdIsStillRecognisedAndAudited() {
        String idOfB = client.get(b, "/api/documents")
                .assertJson(200)
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("id");
        client.get(a, "/api/documents/" + idOfB).assertProblem(404, "NOT_FOUND");
        String ownedByB = "belongs to tenant '" + TenancyClient.idOf(b) + "'";
        Wait.until(
                "A's audit entry saying the row " + ownedByB + " (its owner found across tenants by CrossTenantAccess)",
                () -> client
                        .admin("GET", "/audit?tenant=" + TenancyClient.idOf(a) + "&limit=100", null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .stream()
                        .map(JsonValue::asJsonObject)
                        .anyMatch(e -> e.getString("detail", "").contains(ownedByB)));
    }

    @Test
    void tenantUsersAndOffboardingWorkUnderThePolicies() throws SQLException {
        String idOfB = TenancyClient.idOf(b);
        client.admin(
                        "POST",
                        "/tenants/" + idOfB + "/users",
                        "{\"username\":\"rita\",\"password\":\"password-of-rita\",\"roles\":[\"user\"]}")
                .assertStatus(201);
        client.postJson(b, "/api/login", "{\"username\":\"rita\",\"password\":\"password-of-rita\"}")
                .assertStatus(200);
        assertEquals(1, rowsOf(idOfB, "tenant_user"));
        assertEquals(1, rowsOf(idOfB, "document"));

        client.admin("DELETE", "/tenants/" + idOfB, null).assertStatus(204);
        assertEquals(0, rowsOf(idOfB, "document"), "offboarding deleted the tenant's documents");
        assertEquals(0, rowsOf(idOfB, "tenant_user"), "and its users");
        assertEquals(2, rowsOf(TenancyClient.idOf(a), "document"), "and nobody else's");
    }

    @Test
    void theApplicationsRoleCannotBecomeTheOwner() throws SQLException {
        String owner = PostgresRole.OWNER.user();
        try (Connection connection = asApplication();
                Statement statement = connection.createStatement()) {
            SQLException setRole = assertThrows(
                    SQLException.class,
                    () -> statement.execute("SET ROLE \"" + owner + "\""),
                    "SET ROLE to the owner, whom row-level security does not bind");
            assertEquals("42501", setRole.getSQLState(), setRole::getMessage);
            // the same in a plain SELECT, as one injected statement would
            try (PreparedStatement setConfig = connection.prepareStatement("select set_config('role', ?, false)")) {
                setConfig.setString(1, owner);
                SQLException denied = assertThrows(SQLException.class, setConfig::executeQuery);
                assertEquals("42501", denied.getSQLState(), denied::getMessage);
            }
            try (ResultSet who = statement.executeQuery(
                    "select current_user, row_security_active('document')," + " (select count(*) from document)")) {
                who.next();
                assertEquals(PostgresRole.APPLICATION.user(), who.getString(1));
                assertTrue(who.getBoolean(2), "the policies still bind it");
                assertEquals(0, who.getLong(3), "and with no tenant it sees no row");
            }
        }
    }

    @Test
    void noRoleButTheApplicationsMayCallTheOwnersFunctions() throws SQLException {
        String idOfB = client.get(b, "/api/documents")
                .assertJson(200)
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("id");
        try (Connection connection = asOwner();
                Statement statement = connection.createStatement()) {
            // As a new database's public schema is to every role; the schema each run creates is not.
            statement.execute("GRANT USAGE ON SCHEMA public TO \"" + PostgresRole.OTHER.user() + "\"");
        }
        try (Connection connection = asOwner();
                Statement statement = connection.createStatement();
                ResultSet functions = statement.executeQuery(
                        "select p.oid::regprocedure::text, has_function_privilege('public', p.oid, 'EXECUTE'),"
                                + " has_function_privilege('" + PostgresRole.APPLICATION.user()
                                + "', p.oid, 'EXECUTE')"
                                + " from pg_proc p where p.proname in ('tenancy_row_owner', 'tenancy_rows_per_tenant') order by 1")) {
            int count = 0;
            while (functions.next()) {
                count++;
                assertFalse(functions.getBoolean(2), () -> "PUBLIC may not call " + rowText(functions));
                assertTrue(functions.getBoolean(3), () -> "the application's role may call " + rowText(functions));
            }
            assertEquals(
                    2 * (1 + Deployments.PLACEMENTS.split(",").length),
                    count,
                    "the two functions, one signature each, in the main schema and in each schema placement");
        }
        try (Connection connection = PostgresRole.OTHER.connect();
                PreparedStatement rowOwner = connection.prepareStatement("select tenancy_row_owner('document', ?)")) {
            rowOwner.setString(1, idOfB);
            SQLException denied = assertThrows(
                    SQLException.class, rowOwner::executeQuery, "a role with no grants asks which tenant owns a row");
            assertEquals("42501", denied.getSQLState(), denied::getMessage);
            try (Statement statement = connection.createStatement()) {
                SQLException counts = assertThrows(
                        SQLException.class,
                        () -> statement.executeQuery("select * from tenancy_rows_per_tenant('document')"));
                assertEquals("42501", counts.getSQLState(), counts::getMessage);
            }
        }
    }

    @Test
    void everySchemaPlacementsTablesAreUnderThePolicyAndOnlyTheirTenantsRowsAreSeen() throws SQLException {
        String inPremium = client.newTenant("rls-p", "premium");
        document(inPremium, "In premium");
        try (Connection connection = asOwner();
                PreparedStatement guarded = connection.prepareStatement("select c.relrowsecurity, exists (select 1"
                        + " from pg_policy p where p.polrelid = c.oid and p.polname = 'tenant_isolation')"
                        + " from pg_class c where c.oid = to_regclass(?)")) {
            for (String placement : Deployments.PLACEMENTS.split(",")) {
                for (String table : new String[] {"document", "document_comment", "tenant_user"}) {
                    guarded.setString(1, "tenancy_" + placement + "." + table);
                    try (ResultSet row = guarded.executeQuery()) {
                        assertTrue(row.next(), () -> "tenancy_" + placement + "." + table + " exists");
                        assertTrue(row.getBoolean(1), () -> "row-level security on tenancy_" + placement + "." + table);
                        assertTrue(row.getBoolean(2), () -> "the policy on tenancy_" + placement + "." + table);
                    }
                }
            }
        }
        try (Connection connection = asApplication();
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select count(*) from tenancy_premium.document")) {
                rows.next();
                assertEquals(0, rows.getLong(1), "the application's role with no tenant sees no row there");
            }
            statement.execute("select set_config('tenancy.tenant_id', '" + TenancyClient.idOf(a) + "', false)");
            try (ResultSet rows =
                    statement.executeQuery("select count(*) from tenancy_premium.document where tenant_id = '"
                            + TenancyClient.idOf(inPremium) + "'")) {
                rows.next();
                assertEquals(0, rows.getLong(1), "nor as another tenant");
            }
        }
    }

    @Test
    void theOwnersFunctionsAnswerOnlyAboutTheirFixedTablesAndColumns() throws SQLException {
        String idOfB = client.get(b, "/api/documents")
                .assertJson(200)
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("id");
        try (Connection connection = asApplication();
                Statement statement = connection.createStatement()) {
            try (PreparedStatement byId = connection.prepareStatement("select tenancy_row_owner('document', ?)")) {
                byId.setString(1, idOfB);
                try (ResultSet owner = byId.executeQuery()) {
                    owner.next();
                    assertEquals(TenancyClient.idOf(b), owner.getString(1), "a document's owner, by its id");
                }
            }
            Map<String, Long> counts = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("select * from tenancy_rows_per_tenant('document')")) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
            assertEquals(2, counts.get(TenancyClient.idOf(a)));
            assertEquals(1, counts.get(TenancyClient.idOf(b)));

            // V8's form: any column of any table under a policy, say which tenant has a title
            assertThrows(
                    SQLException.class,
                    () -> statement.executeQuery("select tenancy_row_owner('document'::regclass, 'title', 'b one')"),
                    "a title is not an id");
            for (String question : new String[] {
                "select tenancy_row_owner('tenant_user', 'rita')",
                "select * from tenancy_rows_per_tenant('tenant_user')",
                "select tenancy_row_owner('tenant', 'x')"
            }) {
                SQLException refused =
                        assertThrows(SQLException.class, () -> statement.executeQuery(question), question);
                assertEquals("42501", refused.getSQLState(), refused::getMessage);
            }
        }
    }

    private static String rowText(ResultSet row) {
        try {
            return row.getString(1);
        } catch (SQLException e) {
            return e.toString();
        }
    }

    private static Connection asApplication() throws SQLException {
        return PostgresRole.APPLICATION.connect();
    }

    private static Connection asOwner() throws SQLException {
        return PostgresRole.OWNER.connect();
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
        try (Connection connection = asOwner();
                PreparedStatement count =
                        connection.prepareStatement("select count(*) from " + table + " where tenant_id = ?")) {
            count.setString(1, tenant);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
