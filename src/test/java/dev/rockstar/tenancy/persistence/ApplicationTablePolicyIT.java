package dev.rockstar.tenancy.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.Memo;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TwoTenantsTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * An application's tenant-owned table, added as docs/ADD-A-FEATURE.md adds one (a migration in
 * {@code db/placement} and a {@code @Multitenant} entity, nothing else), is in every placement, under the same
 * row-level security as the framework's own tables once the WAR has started: the migrations'
 * callback gave it the policy, offboarding erases its rows, and the tenant's archive carries them.
 */
@EnabledIfSystemProperty(
        named = "it.database",
        matches = "postgresql",
        disabledReason = "row-level security is PostgreSQL's; the embedded H2 has none")
class ApplicationTablePolicyIT extends TwoTenantsTest {

    private static final String UNIT = "WEB-INF/classes/META-INF/persistence.xml";

    @Deployment(testable = false)
    static WebArchive deployment() throws IOException {
        String unit = Files.readString(Path.of("src/main/resources/META-INF/persistence.xml"))
                .replace(
                        "<exclude-unlisted-classes>",
                        "<class>" + Memo.class.getName() + "</class>\n        <exclude-unlisted-classes>");
        WebArchive war = Deployments.war();
        war.delete(UNIT);
        return war.add(new StringAsset(unit), UNIT)
                .addClass(Memo.class)
                .addAsResource(new StringAsset(Memo.MIGRATION), Memo.MIGRATION_PATH);
    }

    /** The test reads the main schema's tables directly. */
    @Override
    protected String placement() {
        return "shared";
    }

    @Override
    protected String prefix() {
        return "memo";
    }

    @Test
    void theTableHasThePolicyOfTheFrameworksTables() throws SQLException {
        try (Connection owner = asOwner()) {
            assertEquals(
                    security(owner, "document"),
                    security(owner, "memo"),
                    "row-level security on, FORCE as on document (off: the owner runs the migrations and the operators' functions)");
            assertEquals(List.of(true, false), security(owner, "memo"));
            assertEquals(policies(owner, "document"), policies(owner, "memo"), "one policy, the same definition");
            assertEquals(1, policies(owner, "memo").size());
            for (String placement : Deployments.PLACEMENTS.split(",")) {
                assertEquals(
                        List.of(true, false),
                        security(owner, "tenancy_" + placement + ".memo"),
                        "the application's migration ran in the placement " + placement + ", and its policy followed");
            }
        }
    }

    @Test
    void aRowOfTenantAIsInvisibleToTenantBThroughTheApplicationsRole() throws SQLException {
        String tenantA = TenancyClient.idOf(a);
        String tenantB = TenancyClient.idOf(b);
        try (Connection application = asApplication()) {
            application.setAutoCommit(false);
            insertAs(application, tenantA, tenantA);
            application.commit();

            assertEquals(0, countAs(application, tenantB), "B's SQL, with no predicate, sees none of A's rows");
            assertEquals(1, countAs(application, tenantA), "A's sees its own");
            application.commit();

            SQLException refused = assertThrows(
                    SQLException.class, () -> insertAs(application, tenantB, tenantA), "B writes a row as A's");
            assertEquals("42501", refused.getSQLState(), refused::getMessage);
            application.rollback();
        }
    }

    @Test
    void offboardingErasesTheTablesRows() throws SQLException {
        String tenantB = TenancyClient.idOf(b);
        try (Connection application = asApplication()) {
            application.setAutoCommit(false);
            insertAs(application, tenantB, tenantB);
            application.commit();
        }
        assertEquals(1, rowsOf(tenantB));
        client.admin("DELETE", "/tenants/" + tenantB, null).assertStatus(204);
        assertEquals(0, rowsOf(tenantB), "the application's entity is tenant-owned for offboarding too");
    }

    @Test
    void theTableTravelsInTheTenantsArchiveWithNoCodeOfItsOwn() throws SQLException, IOException {
        String tenantA = TenancyClient.idOf(a);
        try (Connection application = asApplication()) {
            application.setAutoCommit(false);
            insertAs(application, tenantA, tenantA);
            application.commit();
        }
        byte[] archive = client.adminDownload("/tenants/" + tenantA + "/archive");
        String memos;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            memos = null;
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().equals("tables/memo.ndjson")) {
                    memos = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertEquals(1, memos == null ? 0 : memos.lines().count(), "tables/memo.ndjson with A's row: " + memos);
        assertTrue(memos.contains("\"text\":\"secret\"") && !memos.contains(tenantA), memos);

        String clone = "memo-clone-" + Long.toHexString(System.nanoTime());
        client.adminUpload("POST", "/tenants/restore?id=" + clone + "&host=" + clone + ".test", archive)
                .assertStatus(201);
        assertEquals(1, rowsOf(clone), "the clone has the application's row");
        assertEquals(1, rowsOf(tenantA), "and the original keeps its own");
        assertTrue(client.adminUpload("POST", "/tenants/" + clone + "/verify", archive)
                .assertJson(200)
                .getJsonObject("tables")
                .getJsonObject("memo")
                .getBoolean("equal"));
    }

    private static void insertAs(Connection connection, String tenant, String rowTenant) throws SQLException {
        setTenant(connection, tenant);
        try (PreparedStatement insert = connection.prepareStatement("insert into memo values (?, ?, 'secret')")) {
            insert.setString(1, rowTenant);
            insert.setString(2, UUID.randomUUID().toString());
            insert.executeUpdate();
        }
    }

    private static long countAs(Connection connection, String tenant) throws SQLException {
        setTenant(connection, tenant);
        try (PreparedStatement count = connection.prepareStatement("select count(*) from memo");
                ResultSet result = count.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private static void setTenant(Connection connection, String tenant) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("select set_config('tenancy.tenant_id', ?, true)")) {
            set.setString(1, tenant);
            set.executeQuery().close();
        }
    }

    /** relrowsecurity, relforcerowsecurity. */
    private static List<Boolean> security(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select relrowsecurity, relforcerowsecurity from pg_class where oid = ?::regclass")) {
            query.setString(1, table);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), table);
                return List.of(row.getBoolean(1), row.getBoolean(2));
            }
        }
    }

    /** Each policy's name, command, roles, permissiveness and both expressions. */
    private static List<String> policies(Connection connection, String table) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select policyname, cmd, roles::text, permissive, qual, with_check from pg_policies"
                        + " where schemaname = current_schema() and tablename = ? order by policyname")) {
            query.setString(1, table);
            List<String> policies = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    policies.add(String.join(
                            " | ",
                            row.getString(1),
                            row.getString(2),
                            row.getString(3),
                            row.getString(4),
                            row.getString(5),
                            row.getString(6)));
                }
            }
            return policies;
        }
    }

    private static long rowsOf(String tenant) throws SQLException {
        try (Connection owner = asOwner();
                PreparedStatement count = owner.prepareStatement("select count(*) from memo where tenant_id = ?")) {
            count.setString(1, tenant);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static Connection asApplication() throws SQLException {
        return DriverManager.getConnection(
                System.getProperty("it.postgres.url"),
                System.getProperty("it.postgres.app-user"),
                System.getProperty("it.postgres.app-password"));
    }

    private static Connection asOwner() throws SQLException {
        return DriverManager.getConnection(
                System.getProperty("it.postgres.url"),
                System.getProperty("it.postgres.user"),
                System.getProperty("it.postgres.password"));
    }
}
