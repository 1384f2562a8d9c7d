package dev.rockstar.tenancy.testing;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run's second PostgreSQL database, the home of a database placement ({@code
 * it.postgres.placement-database}, default {@code tenancy_vault}): on the same server as the main
 * database, owned by the same role and granted to the application's role alike ({@link
 * PostgresInstance}), emptied before every run ({@link PostgresReset}). Every server of a
 * PostgreSQL run declares its two datasources ({@link #datasource()}, {@link
 * #migrationDatasource()}), bounded pools that fail fast when the database is gone.
 *
 * <p>For the tests in the test JVM beside the server: where a tenant's rows really are ({@link
 * #connect}, bypassing the application), and the placement's outage without the main database's
 * ({@link #stop}, {@link #start}): the server under test keeps its registry, its other tenants and
 * its pools to the main database, while every connection to this one breaks and no new one is let
 * in, as when the placement's own server goes away.
 * <pre>
 * war(PlacementDatabase.config("vault"))   … and the placement declared as a database placement
 * try (Connection owner = PlacementDatabase.connect(PostgresRole.OWNER)) { … what is stored there … }
 * PlacementDatabase.stop();
 * try { … its tenants answer 503, the others 200 … } finally { PlacementDatabase.start(); }
 * </pre>
 *
 * <p>No superuser is needed, so it works on an external server too ({@code it.postgres.external}):
 * the owner may refuse connections to its database ({@code ALLOW_CONNECTIONS false}), and each
 * role may end its own backends ({@code pg_terminate_backend}), so every role of {@link
 * PostgresRole} ends its own.
 */
public final class PlacementDatabase {

    public static final String DEFAULT_NAME = "tenancy_vault";

    /** How long {@link #stop} waits for the backends it ended to be gone. */
    private static final long TERMINATION_MILLIS = 10_000;

    private PlacementDatabase() {}

    /** The database's name ({@code it.postgres.placement-database}). */
    public static String name() {
        return System.getProperty("it.postgres.placement-database", DEFAULT_NAME);
    }

    /** Its JDBC URL: the main database's server, this database. */
    public static String url() {
        return urlBeside(PostgresRole.url(), name());
    }

    /** A connection to it as {@code role}, the same login as on the main database. */
    public static Connection connect(PostgresRole role) throws SQLException {
        return DriverManager.getConnection(url(), role.user(), role.password());
    }

    /**
     * The JNDI name of the placement's datasource on this run's server, logging in as the
     * application's role: {@code jdbc/tenancy-vault} (WildFly: {@code java:/jdbc/tenancy-vault}).
     */
    public static String datasource() {
        return System.getProperty("it.postgres.jndi") + "-vault";
    }

    /** The JNDI name of the placement's migrations' datasource, logging in as the owner. */
    public static String migrationDatasource() {
        return datasource() + "-migration";
    }

    /** The configuration that puts {@code placement}'s tables on this database's two datasources. */
    public static Map<String, String> config(String placement) {
        return Map.of(
                "tenancy.placement." + placement + ".datasource", datasource(),
                "tenancy.placement." + placement + ".migration-datasource", migrationDatasource());
    }

    /**
     * Takes the database away without touching the main one: refuses new connections, then ends
     * every connection of the run's roles to it, and returns once they are gone. Undone by
     * {@link #start}, which a test calls in a {@code finally}.
     */
    public static void stop() {
        stop(PostgresRole.url(), name());
    }

    /** Lets connections to the database in again; harmless when it was not stopped. */
    public static void start() {
        start(PostgresRole.url(), name());
    }

    /** Whether the database lets connections in (not {@link #stop stopped}). */
    public static boolean isStarted() {
        try (Connection owner = PostgresRole.OWNER.connect();
                PreparedStatement query =
                        owner.prepareStatement("SELECT datallowconn FROM pg_database WHERE datname = ?")) {
            query.setString(1, name());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the state of " + name() + ": " + e.getMessage(), e);
        }
    }

    static void stop(String mainUrl, String database) {
        try {
            try (Connection owner = DriverManager.getConnection(
                            mainUrl, PostgresRole.OWNER.user(), PostgresRole.OWNER.password());
                    Statement statement = owner.createStatement()) {
                statement.execute("ALTER DATABASE " + identifier(database) + " WITH ALLOW_CONNECTIONS false");
            }
            // A connection that was being opened as the setting changed may still get in: repeat.
            long deadline = System.currentTimeMillis() + TERMINATION_MILLIS;
            List<String> left = rolesConnected(mainUrl, database);
            while (!left.isEmpty()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(
                            "Connections to " + database + " of " + left + " outlived " + TERMINATION_MILLIS + " ms");
                }
                for (PostgresRole role : PostgresRole.values()) {
                    if (left.contains(role.user())) {
                        endOwnBackends(mainUrl, database, role);
                    }
                }
                left = rolesConnected(mainUrl, database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not stop " + database + ": " + e.getMessage(), e);
        }
    }

    static void start(String mainUrl, String database) {
        try (Connection owner =
                        DriverManager.getConnection(mainUrl, PostgresRole.OWNER.user(), PostgresRole.OWNER.password());
                Statement statement = owner.createStatement()) {
            statement.execute("ALTER DATABASE " + identifier(database) + " WITH ALLOW_CONNECTIONS true");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not start " + database + ": " + e.getMessage(), e);
        }
    }

    /** {@code database} on the server of {@code mainUrl}, with its parameters. */
    static String urlBeside(String mainUrl, String database) {
        URI main = URI.create(mainUrl.substring("jdbc:".length()));
        return "jdbc:postgresql://" + main.getRawAuthority() + "/" + database
                + (main.getRawQuery() == null ? "" : "?" + main.getRawQuery());
    }

    /**
     * The users connected to {@code database}, as the owner sees them: of another role's backend it
     * sees the database and the user, not the backend's type (so background workers, which have no
     * user, are told apart by that).
     */
    private static List<String> rolesConnected(String mainUrl, String database) throws SQLException {
        try (Connection owner =
                        DriverManager.getConnection(mainUrl, PostgresRole.OWNER.user(), PostgresRole.OWNER.password());
                PreparedStatement query = owner.prepareStatement("SELECT DISTINCT usename FROM pg_stat_activity"
                        + " WHERE datname = ? AND usename IS NOT NULL")) {
            query.setString(1, database);
            List<String> users = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    users.add(rows.getString(1));
                }
            }
            return users;
        }
    }

    /** Ends {@code role}'s connections to {@code database}, waiting up to 5 s for each to exit. */
    private static void endOwnBackends(String mainUrl, String database, PostgresRole role) throws SQLException {
        try (Connection connection = DriverManager.getConnection(mainUrl, role.user(), role.password());
                PreparedStatement terminate =
                        connection.prepareStatement("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity"
                                + " WHERE datname = ? AND usename = current_user AND pid <> pg_backend_pid()")) {
            terminate.setString(1, database);
            terminate.executeQuery().close();
        }
    }

    private static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
