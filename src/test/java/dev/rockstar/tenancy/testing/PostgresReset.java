package dev.rockstar.tenancy.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * In the PostgreSQL run, empties the test database once before any test, so that every run
 * starts from the schema the migrations create, whatever an earlier run left behind.
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
    }
}
