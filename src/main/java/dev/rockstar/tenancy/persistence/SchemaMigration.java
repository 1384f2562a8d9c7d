package dev.rockstar.tenancy.persistence;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema up to date with Flyway before anything else touches the database, the one
 * {@code tenancy.datasource} names; the same scripts serve every database. Two histories in the
 * main schema: the framework's own migrations ({@code db/tenancy}, history
 * {@value FrameworkSchemaHistory#TABLE}) first, then the application's ({@code db/migration}, Flyway's
 * default history {@value FrameworkSchemaHistory#SHARED_TABLE}), so an application numbers its
 * versions from V1 and a later framework migration never takes one of them. After the application's,
 * every tenant-owned table gets its row-level security policy where it has none
 * ({@link RowLevelSecurityPolicies}). Then the tenant-owned tables' own set, in {@code shared} and in
 * every schema placement ({@link PlacementMigrations}).
 *
 * <p>On PostgreSQL the migrations log in as the schema's owner through a datasource of their own
 * ({@code tenancy.migration.datasource}), so that the application's role, which row-level
 * security binds, needs no way to become the owner. A failed migration fails the deployment.
 */
@ApplicationScoped
class SchemaMigration {

    static final String FRAMEWORK_LOCATION = "classpath:db/tenancy";
    static final String APPLICATION_LOCATION = "classpath:db/migration";
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Inject
    TenantOwnedTables tenantOwned;

    @Inject
    SchemaVersions schemaVersions;

    @Inject
    Placements placements;

    @Inject
    PlacementMigrations placementMigrations;

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Startup startup)
            throws NamingException, SQLException {
        TenancyDataSource.retiredMigrationRole().ifPresent(role -> {
            throw new IllegalStateException("Rockstar Tenancy refuses to start: "
                    + TenancyDataSource.RETIRED_MIGRATION_ROLE
                    + " is no longer supported. It needs the application's role to be a member of the owner, and a member "
                    + "can SET ROLE to the owner, whom row-level security does not bind. Define a datasource that logs in "
                    + "as the owner, name it in " + TenancyDataSource.MIGRATION_DATASOURCE + ", remove "
                    + TenancyDataSource.RETIRED_MIGRATION_ROLE + " and REVOKE the membership (docs/DEPLOYMENT.md)");
        });
        String name = TenancyDataSource.jndiName();
        DataSource application = TenancyDataSource.application();
        DataSource owner = TenancyDataSource.migrations();
        Optional<String> migrationName = TenancyDataSource.migrationJndiName();
        Versions versions = migrate(owner, application, tenantOwned.tableNames(), APPLICATION_LOCATION);
        // "0" is the baseline migrate() sets under the framework's tables: no migration of the application's own
        boolean noneOfApp = "none".equals(versions.application()) || "0".equals(versions.application());
        LOG.info(() -> "Schema of " + name + " at framework version " + versions.framework() + ", application version "
                + versions.application() + " (" + versions.applied() + " migrations applied now"
                + migrationName.map(m -> ", through " + m).orElse("") + ")");
        String mainSchema = mainSchemaOf(application);
        placements.main(mainSchema, searchPathOf(application));
        PlacementMigrations.Outcome shared = placementMigrations.migrateShared(owner, application, mainSchema);
        LOG.info(() -> "Tenant-owned tables of " + Placements.SHARED + " (schema " + mainSchema + ") at version "
                + shared.version() + " (" + shared.applied() + " migrations applied now)");
        // The rows' shape is the tenant-owned tables' set's: what an archive of them records
        schemaVersions.migrated(shared.version(), noneOfApp ? null : versions.application());
        placementMigrations.migratePlacements(owner, application, mainSchema);
    }

    /** The schema the application's unqualified names reach: the registry's, and the shared tenant-owned tables'. */
    private static String mainSchemaOf(DataSource application) throws SQLException {
        try (Connection connection = application.getConnection()) {
            return connection.getSchema();
        }
    }

    /** PostgreSQL's search path as the application's role has it; empty elsewhere. */
    private static String searchPathOf(DataSource application) throws SQLException {
        try (Connection connection = application.getConnection()) {
            if (!Postgres.is(connection)) {
                return null;
            }
            try (Statement statement = connection.createStatement();
                    ResultSet path = statement.executeQuery("select current_setting('search_path')")) {
                path.next();
                return path.getString(1);
            }
        }
    }

    /** Where the two histories stand after a migration, and how many migrations it ran. */
    record Versions(String framework, String application, int applied) {}

    /**
     * The framework's migrations, then the application's from {@code applicationLocation}, then
     * the row-level security policies of {@code tenantOwnedTables}; all as {@code owner}.
     */
    static Versions migrate(
            DataSource owner, DataSource application, List<String> tenantOwnedTables, String applicationLocation)
            throws SQLException {
        FrameworkSchemaHistory.separate(owner);
        Flyway framework = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(owner)
                .table(FrameworkSchemaHistory.TABLE)
                .locations(FRAMEWORK_LOCATION)
                .javaMigrations(new RowLevelSecurityMigration(), new CrossTenantFunctionsMigration(application))
                .load();
        MigrateResult ofFramework = framework.migrate();
        FluentConfiguration ofApp = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(owner)
                .locations(applicationLocation)
                // the framework's tables are there already: the application's history starts empty
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .callbacks(new RowLevelSecurityPolicies(tenantOwnedTables));
        // With no migrations of its own Flyway's validation warns at every start that it found none
        boolean anyOfApp = Arrays.stream(ofApp.load().info().all())
                .anyMatch(m -> m.getState().isResolved());
        Flyway app = ofApp.validateOnMigrate(anyOfApp).load();
        MigrateResult ofApplication = app.migrate();
        return new Versions(
                framework.info().current().getVersion().toString(),
                Optional.ofNullable(app.info().current())
                        .map(m -> m.getVersion().toString())
                        .orElse("none"),
                ofFramework.migrationsExecuted + ofApplication.migrationsExecuted);
    }
}
