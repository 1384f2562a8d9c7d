package dev.rockstar.tenancy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * What later tests rely on when they take the build's PostgreSQL away: stop and start on the same
 * data and port. On an instance of its own, since the run's serves a running application server.
 */
class PostgresInstanceTest {

    @Test
    void stopsAndStartsOnTheSameDataAndPort() throws Exception {
        int port = freePort();
        // Not a JUnit @TempDir: that is private to this user, and as root the server runs as another.
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "rockstar-tenancy-postgres-" + port);
        PostgresInstance postgres = PostgresInstance.create(
                dir,
                port,
                "tenancy",
                "tenancy",
                "tenancy",
                "tenancy_app",
                "app-secret",
                ProcessHandle.current().pid());
        try {
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/tenancy";
            try (Connection connection = DriverManager.getConnection(url, "tenancy", "tenancy");
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (id INT)");
                statement.execute("INSERT INTO kept VALUES (42)");
            }
            assertThrows(
                    SQLException.class,
                    () -> DriverManager.getConnection(url, "tenancy", "wrong").close(),
                    "the password is checked, as on a real server");
            try (Connection connection = DriverManager.getConnection(url, "tenancy_app", "app-secret");
                    Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO kept VALUES (43)");
                statement.execute("DELETE FROM kept WHERE id = 43");
                assertThrows(
                        SQLException.class,
                        () -> statement.execute("DROP TABLE kept"),
                        "the application's role has DML on the owner's tables, and no more");
                assertThrows(
                        SQLException.class, () -> statement.execute("SET ROLE tenancy"), "nor can it become the owner");
            }

            postgres.stop();
            assertFalse(postgres.isRunning());
            assertThrows(
                    SQLException.class,
                    () -> DriverManager.getConnection(url, "tenancy", "tenancy").close());

            postgres.start();
            assertTrue(postgres.isRunning());
            try (Connection connection = DriverManager.getConnection(url, "tenancy", "tenancy");
                    Statement statement = connection.createStatement();
                    ResultSet kept = statement.executeQuery("SELECT id FROM kept")) {
                assertTrue(kept.next());
                assertEquals(42, kept.getInt(1));
            }
        } finally {
            postgres.remove(null);
        }
        assertFalse(Files.exists(dir));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
