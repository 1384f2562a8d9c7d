package dev.rockstar.tenancy.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/**
 * The framework's migrations keep their own history, {@value #TABLE}, apart from an application's
 * in Flyway's default {@value #SHARED_TABLE}, so the two number their versions independently.
 * Earlier versions kept both in {@value #SHARED_TABLE}, the framework's at V1 to V14: at the first
 * start of this version such a database's framework rows move, as they are (checksums, dates,
 * order), into a new {@value #TABLE}, and an application's rows stay where they were. A database
 * whose {@value #TABLE} exists, or that has no framework history at all, is left alone.
 */
final class FrameworkSchemaHistory {

    static final String TABLE = "tenancy_schema_history";
    static final String SHARED_TABLE = "flyway_schema_history";
    /** The versions the framework had when it shared the history: V1 to V14. */
    private static final String SHARED_VERSIONS =
            IntStream.rangeClosed(1, 14).mapToObj(v -> "'" + v + "'").collect(Collectors.joining(", "));

    private static final Logger LOG = Logger.getLogger(FrameworkSchemaHistory.class.getName());

    private FrameworkSchemaHistory() {}

    /** Moves the framework's rows out of a shared history, if there is one; true if it did. */
    static boolean separate(DataSource owner) throws SQLException {
        try (Connection connection = owner.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                if (Postgres.is(connection)) {
                    // nodes starting together: one moves, the others then find the table
                    statement.execute("select pg_advisory_xact_lock(" + TABLE.hashCode() + ")");
                }
                boolean moved = !exists(connection, TABLE)
                        && exists(connection, SHARED_TABLE)
                        && sharedHasFramework(connection);
                if (moved) {
                    statement.execute("CREATE TABLE \"" + TABLE + "\" AS SELECT * FROM \"" + SHARED_TABLE
                            + "\" WHERE \"version\" IN (" + SHARED_VERSIONS + ")");
                    statement.execute("ALTER TABLE \"" + TABLE + "\" ALTER COLUMN \"installed_rank\" SET NOT NULL");
                    statement.execute("ALTER TABLE \"" + TABLE + "\" ADD CONSTRAINT \"" + TABLE
                            + "_pk\" PRIMARY KEY (\"installed_rank\")");
                    int rows = statement.executeUpdate(
                            "DELETE FROM \"" + SHARED_TABLE + "\" WHERE \"version\" IN (" + SHARED_VERSIONS + ")");
                    LOG.info(() -> "The framework's " + rows + " migrations moved from " + SHARED_TABLE + " to " + TABLE
                            + "; " + SHARED_TABLE + " keeps the application's own");
                }
                connection.commit();
                return moved;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (ResultSet tables =
                connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), table, null)) {
            while (tables.next()) {
                if (tables.getString("TABLE_NAME").equals(table)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The framework's first migration, by its version and description, marks a shared history. */
    private static boolean sharedHasFramework(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM \"" + SHARED_TABLE
                + "\" WHERE \"version\" = '1' AND \"description\" = 'tenant registry' AND \"success\"")) {
            try (ResultSet count = query.executeQuery()) {
                count.next();
                return count.getLong(1) > 0;
            }
        }
    }
}
