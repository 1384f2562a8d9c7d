package dev.rockstar.tenancy.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.ServerProcess;
import dev.rockstar.tenancy.testing.TcpProxy;
import dev.rockstar.tenancy.testing.TenancyClient;

/**
 * The database goes away under a running server: requests answer 503 {@code UNAVAILABLE} as
 * problem documents, nothing is half-written, and service resumes when the database returns.
 */
@EnabledIfSystemProperty(named = "it.database", matches = "postgresql",
        disabledReason = "needs a database server that can go away; the embedded H2 runs inside the server")
@DisabledIfSystemProperty(named = "it.server", matches = "glassfish",
        disabledReason = "starts the server by hand on a datasource behind a proxy; the test knows how to start Payara Micro and WildFly, not a GlassFish domain")
class DatabaseOutageIT {

    @Test
    void whileTheDatabaseIsAwayRequestsAreUnavailableAndNothingIsHalfWritten() throws Exception {
        URI postgres = URI.create(System.getProperty("it.postgres.url").substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(postgres.getPort())) {
            proxy.start();
            Path root = Files.createTempDirectory(Path.of("target"), "server-outage-");
            try (ServerProcess server = ServerProcess.startOnPostgres(root, Path.of("target", "outage.log"),
                    Deployments.baseConfig(), proxy.port())) {
                TenancyClient client = new TenancyClient(server.port());
                String host = client.newTenant("outage");
                client.postJson(host, "/api/documents", "{\"title\":\"before\",\"content\":\"kept\"}").assertStatus(201);

                proxy.cut();
                client.postJson(host, "/api/documents", "{\"title\":\"during\",\"content\":\"lost\"}")
                        .assertProblem(503, "UNAVAILABLE");
                client.get(host, "/api/documents").assertProblem(503, "UNAVAILABLE");
                client.admin("POST", "/tenants", "{\"id\":\"born-in-outage\",\"hosts\":[\"born.test\"]}")
                        .assertProblem(503, "UNAVAILABLE");
                assertEquals(TenancyClient.idOf(host), client.get(host, "/api/tenant/info").assertJson(200)
                        .getString("tenant_id"), "resolution needs no database");

                proxy.start();
                JsonObject documents = awaitRecovery(client, host);
                assertEquals(1, documents.getInt("total"), "the request that failed wrote nothing");
                assertEquals("before", documents.getJsonArray("items").getJsonObject(0).getString("title"));
                client.admin("GET", "/tenants/born-in-outage", null).assertProblem(404, "NOT_FOUND");
                client.get("born.test", "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");
            }
        }
    }

    private static JsonObject awaitRecovery(TenancyClient client, String host) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        TenancyClient.Reply reply = client.get(host, "/api/documents");
        while (reply.status() != 200 && Instant.now().isBefore(deadline)) {
            assertEquals(503, reply.status(), reply::body);
            Thread.sleep(500);
            reply = client.get(host, "/api/documents");
        }
        assertTrue(reply.status() == 200, "service resumes when the database is back: " + reply.body());
        return reply.json();
    }
}
