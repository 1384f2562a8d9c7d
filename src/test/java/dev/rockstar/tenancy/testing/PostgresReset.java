package dev.rockstar.tenancy.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * In the PostgreSQL run, empties the test database and the database placement's
 * ({@link PlacementDatabase}) once before any test, so that every run starts from the schema the
 * migrations create, whatever an earlier run left behind.
 */
public class PostgresReset implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!Deployments.isPostgres()) {
            return;
        }
        try (Connection connection = PostgresRole.OWNER.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA public CASCADE");
            statement.execute("CREATE SCHEMA public");
            // The application's role (granted only DML on what the owner creates, see PostgresInstance)
            statement.execute("GRANT USAGE ON SCHEMA public TO \"" + PostgresRole.APPLICATION.user() + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "The PostgreSQL run needs a database at " + PostgresRole.url()
                            + " (user and password in it.postgres.*); mvn verify starts one itself, see the README's Tests",
                    e);
        }
        resetPlacementDatabase();
    }

    /**
     * Every schema of the placement's database goes, its tables and migration histories with it
     * (wherever the placement's migrations put them), and an empty {@code public} is left; an
     * earlier run that ended while it was stopped leaves it stopped, so it is started first.
     */
    private static void resetPlacementDatabase() {
        try {
            PlacementDatabase.start();
            try (Connection connection = PlacementDatabase.connect(PostgresRole.OWNER);
                    Statement statement = connection.createStatement()) {
                List<String> schemas = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SELECT nspname FROM pg_namespace"
                        + " WHERE nspname <> 'information_schema' AND nspname NOT LIKE 'pg\\_%'")) {
                    while (rows.next()) {
                        schemas.add(rows.getString(1));
                    }
                }
                for (String schema : schemas) {
                    statement.execute("DROP SCHEMA \"" + schema.replace("\"", "\"\"") + "\" CASCADE");
                }
                statement.execute("CREATE SCHEMA public");
                statement.execute("GRANT USAGE ON SCHEMA public TO \"" + PostgresRole.APPLICATION.user() + "\"");
            }
        } catch (SQLException | IllegalStateException e) {
            throw new IllegalStateException(
                    "The PostgreSQL run needs the database placement's database at " + PlacementDatabase.url()
                            + ", owned by " + PostgresRole.OWNER.user()
                            + " (it.postgres.placement-database); mvn verify creates it itself, see docs/TESTING.md",
                    e);
        }
    }
}
