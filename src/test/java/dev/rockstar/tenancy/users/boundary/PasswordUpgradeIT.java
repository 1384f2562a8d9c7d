package dev.rockstar.tenancy.users.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.PostgresRole;
import dev.rockstar.tenancy.testing.TenancyClient;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Password hashes: PBKDF2-HMAC-SHA256 with 600,000 iterations, and a hash stored with fewer
 * replaced at the next successful login. Reads and writes the stored hash with SQL, so only in
 * the PostgreSQL runs: the H2 default lives inside the server, out of a test's reach.
 */
@Tag(DependsOnDatabase.TAG)
class PasswordUpgradeIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @BeforeEach
    void onlyWithADatabaseTheTestCanReach() {
        assumeTrue(Deployments.isPostgres(), "the stored hash is read with SQL; H2 runs inside the server");
    }

    @Test
    void newHashesHave600000IterationsAndOlderOnesAreUpgradedAtLogin() throws Exception {
        String host = client.newTenant("hash");
        String tenant = TenancyClient.idOf(host);
        client.admin("POST", "/tenants/" + tenant + "/users", """
                {"username":"olga","password":"password-of-olga","roles":[]}""").assertStatus(201);
        assertEquals("PBKDF2WithHmacSHA256:600000", prefixOf(storedHash(tenant, "olga")));

        store(tenant, "olga", hashOf("password-of-olga", 2048));
        assertEquals("PBKDF2WithHmacSHA256:2048", prefixOf(storedHash(tenant, "olga")));
        client.postJson(host, "/api/login", "{\"username\":\"olga\",\"password\":\"wrong-password\"}")
                .assertProblem(401, "UNAUTHORIZED");
        assertEquals(
                "PBKDF2WithHmacSHA256:2048", prefixOf(storedHash(tenant, "olga")), "a failed login changes nothing");

        client.postJson(host, "/api/login", "{\"username\":\"olga\",\"password\":\"password-of-olga\"}")
                .assertStatus(200);
        assertEquals("PBKDF2WithHmacSHA256:600000", prefixOf(storedHash(tenant, "olga")));
        client.postJson(host, "/api/login", "{\"username\":\"olga\",\"password\":\"password-of-olga\"}")
                .assertStatus(200);
    }

    /** The format of Jakarta Security's Pbkdf2PasswordHash: algorithm:iterations:salt:hash. */
    private static String hashOf(String password, int iterations) throws Exception {
        byte[] salt = new byte[32];
        new SecureRandom().nextBytes(salt);
        KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(spec)
                .getEncoded();
        return "PBKDF2WithHmacSHA256:" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash);
    }

    private static String prefixOf(String hash) {
        return hash.substring(0, hash.indexOf(':', hash.indexOf(':') + 1));
    }

    private static String storedHash(String tenant, String username) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement(
                        "select password_hash from tenant_user where tenant_id = ? and username = ?")) {
            select.setString(1, tenant);
            select.setString(2, username);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static void store(String tenant, String username, String hash) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement update = connection.prepareStatement(
                        "update tenant_user set password_hash = ? where tenant_id = ? and username = ?")) {
            update.setString(1, hash);
            update.setString(2, tenant);
            update.setString(3, username);
            assertEquals(1, update.executeUpdate());
        }
    }

    private static Connection connect() throws SQLException {
        return PostgresRole.OWNER.connect();
    }
}
