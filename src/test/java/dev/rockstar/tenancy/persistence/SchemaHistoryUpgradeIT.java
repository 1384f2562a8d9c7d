package dev.rockstar.tenancy.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The framework's migrations moved to a history of their own: a database made by the earlier
 * layout (the framework's V1 to V14 and an application's V20 in one {@code flyway_schema_history})
 * is upgraded in place, and a new one starts both histories. Runs the migrations as the
 * application does at start, without a server, in a schema of its own of the run's PostgreSQL.
 */
@EnabledIfSystemProperty(
        named = "it.database",
        matches = "postgresql",
        disabledReason = "needs the run's PostgreSQL; the server's embedded H2 is out of reach")
class SchemaHistoryUpgradeIT {

    private static final List<String> FRAMEWORK_VERSIONS =
            List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "14", "15");
    /** As {@link TenantOwnedTables} finds them with the application's {@code note} entity. */
    private static final List<String> TENANT_OWNED = List.of("document", "document_comment", "note", "tenant_user");

    @TempDir
    Path application;

    private final List<String> schemas = new ArrayList<>();

    /** Gone after the test: other tests ask the catalogue about the application's functions by name. */
    @AfterEach
    void dropSchemas() throws SQLException {
        try (Connection connection = asOwner().getConnection();
                Statement statement = connection.createStatement()) {
            for (String schema : schemas) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void aDatabaseOfTheSharedHistoryKeepsItsRowsApart() throws Exception {
        DataSource db = freshSchema("upgrade_shared_history");
        writeMigration(
                "V20__notes.sql",
                "CREATE TABLE note (tenant_id VARCHAR(63) NOT NULL, id VARCHAR(36) NOT NULL,"
                        + " PRIMARY KEY (tenant_id, id));");
        // as earlier versions migrated: the framework's scripts and the application's in one history
        Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(db)
                .locations(SchemaMigration.FRAMEWORK_LOCATION, location())
                .javaMigrations(new RowLevelSecurityMigration(), new CrossTenantFunctionsMigration(db))
                .target("14") // the last framework version of the shared history
                .load()
                .migrate();
        Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(db)
                .locations(location())
                .ignoreMigrationPatterns("*:missing") // the framework's, applied above
                .load()
                .migrate();
        List<String> before = versions(db, FrameworkSchemaHistory.SHARED_TABLE);
        writeMigration("V21__note_text.sql", "ALTER TABLE note ADD COLUMN text VARCHAR(2000);");

        SchemaMigration.Versions upgraded = SchemaMigration.migrate(db, db, TENANT_OWNED, location());

        assertEquals(
                2,
                upgraded.applied(),
                "the framework's V15, which came later, and the application's new V21: " + upgraded);
        assertEquals(FRAMEWORK_VERSIONS, versions(db, FrameworkSchemaHistory.TABLE), "the framework's, as they ran");
        assertEquals(List.of("20", "21"), versions(db, FrameworkSchemaHistory.SHARED_TABLE), "the application's");
        List<String> moved = new ArrayList<>(versions(db, FrameworkSchemaHistory.TABLE));
        moved.remove("15");
        moved.add("20");
        assertEquals(before, moved, "no row lost: " + before);
        assertTrue(rowLevelSecurityOn(db, "note"), "the application's table got its policy");
        assertTrue(rowLevelSecurityOn(db, "document"), "and the framework's, as before");

        SchemaMigration.Versions again = SchemaMigration.migrate(db, db, TENANT_OWNED, location());
        assertEquals(0, again.applied(), "a second start changes nothing");
    }

    @Test
    void aNewDatabaseStartsBothHistories() throws Exception {
        DataSource db = freshSchema("upgrade_new_database");
        writeMigration(
                "V1__notes.sql",
                "CREATE TABLE note (tenant_id VARCHAR(63) NOT NULL, id VARCHAR(36) NOT NULL,"
                        + " PRIMARY KEY (tenant_id, id));");

        SchemaMigration.Versions created = SchemaMigration.migrate(db, db, TENANT_OWNED, location());

        assertEquals(new SchemaMigration.Versions("15", "1", FRAMEWORK_VERSIONS.size() + 1), created);
        assertEquals(FRAMEWORK_VERSIONS, versions(db, FrameworkSchemaHistory.TABLE));
        assertEquals(List.of("0", "1"), versions(db, FrameworkSchemaHistory.SHARED_TABLE), "a baseline, then V1");
        assertTrue(rowLevelSecurityOn(db, "note"));
        assertTrue(rowLevelSecurityOn(db, "document_comment"), "the framework's tables too");
        assertFalse(rowLevelSecurityOn(db, "tenant"), "not the registry, which is global");
    }

    private String location() {
        return "filesystem:" + application.toAbsolutePath();
    }

    private void writeMigration(String name, String sql) throws IOException {
        Files.writeString(application.resolve(name), sql);
    }

    private static PGSimpleDataSource asOwner() {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(System.getProperty("it.postgres.url"));
        db.setUser(System.getProperty("it.postgres.user"));
        db.setPassword(System.getProperty("it.postgres.password"));
        return db;
    }

    private DataSource freshSchema(String schema) throws SQLException {
        schemas.add(schema);
        PGSimpleDataSource db = asOwner();
        try (Connection connection = db.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            statement.execute("CREATE SCHEMA " + schema);
        }
        db.setCurrentSchema(schema);
        return db;
    }

    private static List<String> versions(DataSource db, String table) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection connection = db.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select version from " + table + " where success order by installed_rank")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }

    private static boolean rowLevelSecurityOn(DataSource db, String table) throws SQLException {
        try (Connection connection = db.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select relrowsecurity and exists (select 1 from pg_policy p"
                        + " where p.polrelid = c.oid and p.polname = 'tenant_isolation') from pg_class c"
                        + " where c.oid = to_regclass('" + table + "')")) {
            return row.next() && row.getBoolean(1);
        }
    }
}
