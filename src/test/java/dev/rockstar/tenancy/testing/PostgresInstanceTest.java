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
 * data and port; and a database placement's database beside the main one, set up alike, that
 * {@link PlacementDatabase} takes away and gives back alone. On an instance of its own, since the
 * run's serves a running application server.
 */
class PostgresInstanceTest {

    private static final String OWNER = PostgresRole.OWNER.user();
    private static final String OWNER_PASSWORD = PostgresRole.OWNER.password();
    private static final String APP = PostgresRole.APPLICATION.user();
    private static final String APP_PASSWORD = PostgresRole.APPLICATION.password();

    @Test
    void stopsAndStartsOnTheSameDataAndPort() throws Exception {
        int port = freePort();
        // Not a JUnit @TempDir: that is private to this user, and as root the server runs as another.
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "rockstar-tenancy-postgres-" + port);
        PostgresInstance postgres = PostgresInstance.create(
                dir,
                port,
                "tenancy",
                "tenancy_vault",
                OWNER,
                OWNER_PASSWORD,
                APP,
                APP_PASSWORD,
                ProcessHandle.current().pid());
        try {
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/tenancy";
            try (Connection connection = DriverManager.getConnection(url, OWNER, OWNER_PASSWORD);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (id INT)");
                statement.execute("INSERT INTO kept VALUES (42)");
            }
            assertThrows(
                    SQLException.class,
                    () -> DriverManager.getConnection(url, OWNER, "wrong").close(),
                    "the password is checked, as on a real server");
            try (Connection connection = DriverManager.getConnection(url, APP, APP_PASSWORD);
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

            placementDatabaseIsSetUpAlikeAndStopsAlone(url);

            postgres.stop();
            assertFalse(postgres.isRunning());
            assertThrows(
                    SQLException.class,
                    () -> DriverManager.getConnection(url, OWNER, OWNER_PASSWORD)
                            .close());

            postgres.start();
            assertTrue(postgres.isRunning());
            try (Connection connection = DriverManager.getConnection(url, OWNER, OWNER_PASSWORD);
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

    private static void placementDatabaseIsSetUpAlikeAndStopsAlone(String url) throws SQLException {
        String placementUrl = PlacementDatabase.urlBeside(url, "tenancy_vault");
        assertEquals(url.replace("/tenancy", "/tenancy_vault"), placementUrl);
        try (Connection owner = DriverManager.getConnection(placementUrl, OWNER, OWNER_PASSWORD);
                Statement statement = owner.createStatement()) {
            statement.execute("CREATE TABLE placed (id INT)");
            statement.execute("INSERT INTO placed VALUES (7)");
        }
        try (Connection main = DriverManager.getConnection(url, OWNER, OWNER_PASSWORD);
                Connection app = DriverManager.getConnection(placementUrl, APP, APP_PASSWORD);
                Statement statement = app.createStatement()) {
            statement.execute("INSERT INTO placed VALUES (8)");
            statement.execute("DELETE FROM placed WHERE id = 8");
            assertThrows(
                    SQLException.class,
                    () -> statement.execute("DROP TABLE placed"),
                    "the application's role has DML on the owner's tables there too, and no more");

            PlacementDatabase.stop(url, "tenancy_vault");
            assertThrows(SQLException.class, () -> statement.execute("SELECT 1"), "an open connection is ended");
            assertThrows(
                    SQLException.class,
                    () -> DriverManager.getConnection(placementUrl, APP, APP_PASSWORD)
                            .close(),
                    "a new one is refused");
            assertThrows(
                    SQLException.class,
                    () -> DriverManager.getConnection(placementUrl, OWNER, OWNER_PASSWORD)
                            .close(),
                    "the owner's too");
            try (Statement onMain = main.createStatement();
                    ResultSet kept = onMain.executeQuery("SELECT count(*) FROM kept")) {
                assertTrue(kept.next(), "the main database is untouched");
            }
        }

        PlacementDatabase.start(url, "tenancy_vault");
        try (Connection app = DriverManager.getConnection(placementUrl, APP, APP_PASSWORD);
                Statement statement = app.createStatement();
                ResultSet placed = statement.executeQuery("SELECT id FROM placed")) {
            assertTrue(placed.next());
            assertEquals(7, placed.getInt(1));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
