package dev.rockstar.tenancy.persistence;

import dev.rockstar.tenancy.cluster.Recurring;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * The second set of migrations: the tenant-owned tables, in {@value Placements#SHARED} (the main
 * schema) and in every schema placement, each schema with histories of its own. The framework's
 * set ({@value #FRAMEWORK_LOCATION}) first, then the application's ({@value #APPLICATION_LOCATION}),
 * then row-level security policies and, on PostgreSQL, the application's role's grants in the
 * placement's schema.
 *
 * <p>{@value Placements#SHARED} is brought up with the main schema, and a failure there fails the
 * deployment as the main migrations' do. The schema placements come after, {@code
 * tenancy.placements.migration-concurrency} at a time: one that fails is reported and marked
 * unavailable (its tenants answer 503 {@code UNAVAILABLE}, every other tenant is served), and tried
 * again every {@code tenancy.placements.retry-seconds} until it comes up, or until the application
 * stops.
 *
 * <p>A schema whose two histories already end at the newest version of each set on the classpath,
 * and whose tables have their policies and grants, is up without Flyway: Flyway's start (finding
 * the scripts, reading and validating the history, twice per schema) costs tens of milliseconds
 * a schema, a few queries a fraction of that, which is what makes hundreds of placements with
 * nothing to apply quick to start. The scripts themselves are validated against the main schema's
 * histories at every start ({@link #migrateShared}); anything else, Flyway sees to.
 */
@ApplicationScoped
class PlacementMigrations {

    static final String FRAMEWORK_LOCATION = "classpath:db/tenancy-placement";
    /** Before the set, in a database placement only: the tables its rows refer to there. */
    static final String DATABASE_LOCATION = "classpath:db/tenancy-placement-database";

    static final String FRAMEWORK_TABLE = "tenancy_placement_history";
    static final String APPLICATION_LOCATION = "classpath:db/placement";
    static final String APPLICATION_TABLE = "placement_schema_history";
    /**
     * Where the main schema's own migrations left its tenant-owned tables, in this set's versions:
     * V14's tables and V14.1's functions were made there by the main set's V2 to V14.
     */
    static final String SHARED_BASELINE = "14.1";

    private static final Logger LOG = Logger.getLogger(PlacementMigrations.class.getName());

    @Inject
    Placements placements;

    @Inject
    TenantOwnedTables tenantOwned;

    @Inject
    LeftoverTenants leftovers;

    @Inject
    @ConfigProperty(name = "tenancy.placements.migration-concurrency", defaultValue = "4")
    int concurrency;

    @Inject
    @ConfigProperty(name = "tenancy.placements.retry-seconds", defaultValue = "30")
    long retrySeconds;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** The tables of {@link #DATABASE_LOCATION}, which the application's role writes too. */
    static final List<String> DATABASE_TABLES = List.of("tenant", "document_count");

    /** Which placement each database placement's tables are, by database and schema. */
    private final Map<String, String> databaseIdentities = new ConcurrentHashMap<>();

    private volatile Recurring retrying;
    private volatile boolean stopped;
    /** The newest version of each set on the classpath, once the main schema's migrations have resolved them. */
    private volatile Newest newest;
    /** On PostgreSQL, the role the application logs in as: the one a placement's grants are for. */
    private volatile String applicationRole;

    /** The newest version of the framework's set and of the application's ({@code "0"}, the baseline, for none). */
    record Newest(MigrationVersion framework, MigrationVersion application) {}

    /** What one schema's migrations did. */
    record Outcome(String placement, String version, int applied, long millis) {}

    /**
     * The set in the main schema; fails (and so fails the deployment) as the main migrations do.
     *
     * @return the framework set's version there
     */
    Outcome migrateShared(DataSource owner, DataSource application, String mainSchema) {
        long start = System.nanoTime();
        Flyway framework = framework(owner, mainSchema, application)
                .baselineOnMigrate(true)
                .baselineVersion(SHARED_BASELINE)
                .load();
        int applied = framework.migrate().migrationsExecuted;
        Flyway ofApplication = application(owner, mainSchema, null, application, false);
        applied += ofApplication.migrate().migrationsExecuted;
        newest = new Newest(newestOnClasspath(framework), newestOnClasspath(ofApplication));
        return new Outcome(
                Placements.SHARED,
                framework.info().current().getVersion().toString(),
                applied,
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Every schema placement, {@code concurrency} at a time; each that fails is marked unavailable
     * and retried later. Returns when every one has been tried once.
     */
    void migratePlacements(DataSource owner, DataSource application, String mainSchema) {
        List<Placements.Placement> all = placements.declaredPlacements();
        if (all.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        ConcurrentLinkedQueue<Placements.Placement> queue = new ConcurrentLinkedQueue<>(all);
        List<Future<?>> workers = new ArrayList<>();
        int threads = Math.max(1, Math.min(concurrency, all.size()));
        for (int i = 0; i < threads; i++) {
            workers.add(executor.submit(() -> {
                for (Placements.Placement next; (next = queue.poll()) != null; ) {
                    bringUp(next, owner, application, mainSchema);
                }
            }));
        }
        for (Future<?> worker : workers) {
            try {
                worker.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                LOG.log(Level.SEVERE, "A placement migration worker failed", e.getCause());
            }
        }
        long failed =
                all.stream().filter(p -> !placements.isAvailable(p.name())).count();
        LOG.info(() -> "Placements: " + (all.size() - failed) + " of " + all.size() + " placements up in "
                + (System.nanoTime() - start) / 1_000_000 + " ms, " + threads + " at a time"
                + (failed > 0 ? "; " + failed + " unavailable, retried every " + retrySeconds + " s" : ""));
        if (failed > 0) {
            scheduleRetry(owner, application, mainSchema);
        }
    }

    private void bringUp(
            Placements.Placement placement, DataSource mainOwner, DataSource mainApplication, String main) {
        if (stopped) {
            return;
        }
        String where = placement.database() ? "datasource " + placement.dataSource() : "schema " + placement.schema();
        try {
            long start = System.nanoTime();
            DataSource owner = mainOwner;
            DataSource application = mainApplication;
            String schema = placement.schema();
            String refersTo = main;
            if (placement.database()) {
                owner = placements.migrationDataSourceOf(placement);
                application = placements.dataSourceOf(placement.name());
                schema = ownSchemaOf(placement, owner, mainApplication, main);
                refersTo = schema; // its rows refer to the tenant table in its own database
            }
            if (upToDate(schema, owner, application)) {
                reached(placement, schema);
                String at = schema;
                LOG.info(() -> "Placement " + placement.name() + " (" + where + ", schema " + at + ") at version "
                        + newest.framework() + ": nothing to apply (checked in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms)");
                return;
            }
            Outcome outcome = migrate(schema, owner, application, refersTo, placement.database());
            reached(placement, schema);
            LOG.info(() -> "Placement " + placement.name() + " (" + where + ", schema " + outcome.placement()
                    + ") at version " + outcome.version() + ": " + outcome.applied() + " migrations applied in "
                    + outcome.millis() + " ms");
        } catch (RuntimeException e) {
            String why = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getName());
            boolean again = placements.unavailableBecause(placement.name()).isPresent();
            placements.markUnavailable(placement.name(), why);
            String summary = "Placement " + placement.name() + " (" + where + ") is "
                    + (again ? "still " : "") + "unavailable: " + firstLine(why) + rootCause(e, firstLine(why))
                    + "; its tenants answer 503, tried again every " + retrySeconds + " s";
            if (again) {
                // the stack was logged at the first failure: a retry every few seconds says only why
                LOG.warning(summary);
            } else {
                LOG.log(Level.SEVERE, summary, e);
            }
        }
    }

    private void reached(Placements.Placement placement, String schema) {
        if (placement.database()) {
            placements.databaseSchema(placement.name(), schema);
        }
        placements.markAvailable(placement.name());
        if (placement.database()) {
            leftovers.erase(placement);
        }
    }

    /**
     * The schema a database placement's owner works in (its tables go there), after making sure
     * that this is not where the main database's tenant-owned tables are, nor another database
     * placement's: two placements on one set of tables would copy a tenant onto itself.
     */
    private String ownSchemaOf(Placements.Placement placement, DataSource owner, DataSource main, String mainSchema) {
        String schema;
        String identity;
        try (Connection connection = owner.getConnection()) {
            schema = connection.getSchema();
            identity = identityOf(connection, schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Its database cannot be reached: " + e.getMessage(), e);
        }
        String mainIdentity;
        try (Connection connection = main.getConnection()) {
            mainIdentity = identityOf(connection, mainSchema);
        } catch (SQLException e) {
            throw new IllegalStateException("The main database cannot be reached: " + e.getMessage(), e);
        }
        if (identity.equals(mainIdentity)) {
            throw new IllegalStateException("Its datasource reaches the main database's own schema (" + identity
                    + "); a database placement needs a database of its own");
        }
        String other = databaseIdentities.putIfAbsent(identity, placement.name());
        if (other != null && !other.equals(placement.name())) {
            throw new IllegalStateException(
                    "Its datasource reaches the same tables as the placement '" + other + "' (" + identity + ")");
        }
        return schema;
    }

    /** Which database and schema a connection works in, as the server names them. */
    private static String identityOf(Connection connection, String schema) throws SQLException {
        if (!Postgres.is(connection)) {
            return connection.getMetaData().getURL() + "#" + schema;
        }
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select coalesce(host(inet_server_addr()), 'local') || ':'"
                        + " || coalesce(inet_server_port(), 0) || '/' || current_database()")) {
            row.next();
            return row.getString(1) + "#" + schema;
        }
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse(text);
    }

    /** The database's own words, where the failure came from it and {@code said} does not have them yet. */
    private static String rootCause(Throwable e, String said) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String words = root == e || root.getMessage() == null ? "" : firstLine(root.getMessage());
        return words.isEmpty() || said.contains(words) ? "" : " (" + words + ")";
    }

    /**
     * Both sets in one placement's schema, the schema created if need be; in a database placement
     * ({@code database}) after the tables its rows refer to there.
     */
    Outcome migrate(String schema, DataSource owner, DataSource application, String mainSchema, boolean database) {
        long start = System.nanoTime();
        FluentConfiguration configuration = framework(owner, mainSchema, application);
        if (database) {
            configuration = configuration.locations(DATABASE_LOCATION, FRAMEWORK_LOCATION);
        }
        Flyway framework = configuration
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .load();
        int applied = framework.migrate().migrationsExecuted;
        applied += application(owner, mainSchema, schema, application, database).migrate().migrationsExecuted;
        return new Outcome(
                schema,
                framework.info().current().getVersion().toString(),
                applied,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static List<String> concat(List<String> one, List<String> other) {
        List<String> both = new ArrayList<>(one);
        both.addAll(other);
        return List.copyOf(both);
    }

    /** The newest version among a set's migrations on the classpath; {@code "0"}, the baseline, for none. */
    private static MigrationVersion newestOnClasspath(Flyway flyway) {
        return Arrays.stream(flyway.info().all())
                .filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo)
                .orElse(MigrationVersion.fromVersion("0"));
    }

    /**
     * Whether a schema placement has nothing to apply: each history's newest row is the set's newest
     * version and succeeded, and on PostgreSQL every tenant-owned table there is under its policy
     * and open to the application's role. Any doubt (a table missing, a query failing) is a no:
     * Flyway then does the work and says what is wrong.
     */
    boolean upToDate(String schema, DataSource owner, DataSource application) {
        Newest expected = newest;
        if (expected == null) {
            return false;
        }
        try (Connection connection = owner.getConnection()) {
            if (!expected.framework().equals(newestInHistory(connection, schema, FRAMEWORK_TABLE))
                    || !expected.application().equals(newestInHistory(connection, schema, APPLICATION_TABLE))) {
                return false;
            }
            return !Postgres.is(connection) || guardedAndGranted(connection, schema, application);
        } catch (SQLException e) {
            return false;
        }
    }

    private static MigrationVersion newestInHistory(Connection connection, String schema, String table)
            throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select \"version\", \"success\" from "
                        + Placements.quoted(schema) + "." + Placements.quoted(table)
                        + " where \"version\" is not null order by \"installed_rank\" desc fetch first 1 rows only")) {
            return row.next() && row.getBoolean(2) ? MigrationVersion.fromVersion(row.getString(1)) : null;
        }
    }

    private boolean guardedAndGranted(Connection connection, String schema, DataSource application)
            throws SQLException {
        String role = applicationRole;
        if (role == null) {
            role = applicationRole = CrossTenantFunctionsMigration.loginRoleOf(application);
        }
        try (PreparedStatement check = connection.prepareStatement("select has_schema_privilege(?, ?, 'USAGE'),"
                + " (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + " where n.nspname = ? and c.relkind = 'r' and c.relname::text = any(?)"
                + " and (not c.relrowsecurity or not has_table_privilege(?, c.oid, 'DELETE')"
                + " or not exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = ?)))")) {
            check.setString(1, role);
            check.setString(2, schema);
            check.setString(3, schema);
            check.setArray(
                    4,
                    connection.createArrayOf(
                            "text",
                            tenantOwned.tableNames().stream()
                                    .map(t -> t.toLowerCase(Locale.ROOT))
                                    .toArray()));
            check.setString(5, role);
            check.setString(6, RowLevelSecurityPolicies.POLICY);
            try (ResultSet row = check.executeQuery()) {
                return row.next() && row.getBoolean(1) && row.getLong(2) == 0;
            }
        }
    }

    /** The retries end with the application: none is left scheduled, and one under way stops at its next placement. */
    @PreDestroy
    void stop() {
        stopped = true;
        Recurring scheduled = retrying;
        if (scheduled != null) {
            scheduled.stop();
            LOG.info("Placements: retries of unavailable placements stopped with the application");
        }
    }

    /** Whether unavailable placements are being retried. */
    boolean retrying() {
        Recurring scheduled = retrying;
        return scheduled != null && scheduled.running();
    }

    private synchronized void scheduleRetry(DataSource owner, DataSource application, String mainSchema) {
        if (retrying != null || stopped) {
            return;
        }
        retrying = Recurring.start(
                scheduler, "the retry of unavailable placements", retrySeconds, retrySeconds, TimeUnit.SECONDS, () -> {
                    for (Placements.Placement placement : placements.declaredPlacements()) {
                        if (!placements.isAvailable(placement.name())) {
                            bringUp(placement, owner, application, mainSchema);
                        }
                    }
                });
    }

    private FluentConfiguration framework(DataSource owner, String mainSchema, DataSource application) {
        return Flyway.configure(PlacementMigrations.class.getClassLoader())
                .dataSource(owner)
                .table(FRAMEWORK_TABLE)
                .locations(FRAMEWORK_LOCATION)
                .placeholders(Map.of("tenancy_main_schema", mainSchema))
                .javaMigrations(new PlacementFunctions(application));
    }

    /** The application's set; {@code schema} null for the main schema. */
    private Flyway application(
            DataSource owner, String mainSchema, String schema, DataSource application, boolean database) {
        List<String> tables = tenantOwned.tableNames();
        List<String> granted = database ? concat(tables, DATABASE_TABLES) : tables;
        FluentConfiguration config = Flyway.configure(PlacementMigrations.class.getClassLoader())
                .dataSource(owner)
                .table(APPLICATION_TABLE)
                .locations(APPLICATION_LOCATION)
                .placeholders(Map.of("tenancy_main_schema", mainSchema))
                // the framework's tables are there already: the application's history starts empty
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .callbacks(new RowLevelSecurityPolicies(tables), new Grants(application, schema, granted));
        if (schema != null) {
            config = config.schemas(schema).defaultSchema(schema);
        }
        // With no migrations of its own Flyway's validation warns at every start that it found none
        boolean any = Arrays.stream(config.load().info().all())
                .anyMatch(m -> m.getState().isResolved());
        return config.validateOnMigrate(any).load();
    }

    /**
     * Version 14.1 of the framework's set: in a schema placement on PostgreSQL, the operators' two
     * functions across tenants ({@link CrossTenantFunctionsMigration}), answering about that
     * schema's tables. The main schema has its own from its V10.
     */
    static final class PlacementFunctions implements JavaMigration {

        private final DataSource application;

        PlacementFunctions(DataSource application) {
            this.application = application;
        }

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromVersion("14.1");
        }

        @Override
        public String getDescription() {
            return "cross tenant functions";
        }

        @Override
        public Integer getChecksum() {
            return 141;
        }

        @Override
        public boolean canExecuteInTransaction() {
            return true;
        }

        @Override
        public void migrate(org.flywaydb.core.api.migration.Context context) throws Exception {
            Connection connection = context.getConnection();
            if (Postgres.is(connection)) {
                CrossTenantFunctionsMigration.create(connection, application, connection.getSchema());
            }
        }
    }

    /**
     * On PostgreSQL, the application's role may use a placement's schema and change the rows of its
     * tenant-owned tables, as an operator granted it in the main schema (docs/DEPLOYMENT.md); nothing
     * else there (not the histories).
     */
    static final class Grants implements Callback {

        private final DataSource application;
        private final String schema;
        private final List<String> tables;

        Grants(DataSource application, String schema, List<String> tables) {
            this.application = application;
            this.schema = schema;
            this.tables = tables;
        }

        @Override
        public boolean supports(Event event, Context context) {
            return schema != null && event == Event.AFTER_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            try {
                Connection connection = context.getConnection();
                if (!Postgres.is(connection)) {
                    return;
                }
                String role = CrossTenantFunctionsMigration.loginRoleOf(application);
                if (role.equals(CrossTenantFunctionsMigration.loginRoleOf(connection))) {
                    return;
                }
                String grantee = Placements.quoted(role);
                String in = Placements.quoted(schema);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("GRANT USAGE ON SCHEMA " + in + " TO " + grantee);
                    for (String table : tables) {
                        if (exists(connection, in + "." + table)) {
                            statement.execute(
                                    "GRANT SELECT, INSERT, UPDATE, DELETE ON " + in + "." + table + " TO " + grantee);
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not grant the application's role its placement's tables", e);
            }
        }

        private static boolean exists(Connection connection, String table) throws SQLException {
            try (var check = connection.prepareStatement("select to_regclass(?) is not null")) {
                check.setString(1, table);
                try (var row = check.executeQuery()) {
                    return row.next() && row.getBoolean(1);
                }
            }
        }

        @Override
        public String getCallbackName() {
            return "placement grants";
        }
    }
}
