package dev.rockstar.tenancy.tenant.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.ServerProcess;
import dev.rockstar.tenancy.testing.TenancyClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Two starts of the server on one server root (so one embedded database, or the PostgreSQL one):
 * configured tenants are registered once and keep what operators changed, data survives, and
 * without a configured password each start generates and logs its own.
 */
@DisabledIf(
        value = "dev.rockstar.tenancy.testing.Deployments#isWildFlyOnH2",
        disabledReason =
                "WildFly's default datasource (ExampleDS) is an in-memory H2: by design nothing survives its restart; the WildFly PostgreSQL run restarts it")
@DisabledIfSystemProperty(
        named = "it.server",
        matches = "glassfish",
        disabledReason =
                "restarts the server by hand; the test knows how to start Payara Micro and WildFly, not a GlassFish domain")
@Tag(DependsOnDatabase.TAG)
class RestartIT {

    private static final Pattern GENERATED = Pattern.compile("the admin password for this start is: (\\S+)");

    @Test
    void configuredTenantsAreRegisteredOnceAndDataSurvivesARestart() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target"), "server-root-");
        // Ids of their own: in the PostgreSQL run the database also holds other tests' tenants.
        String id = "restart-" + Long.toHexString(System.nanoTime());
        String host = id + ".test";
        Map<String, String> config = new HashMap<>(Deployments.databaseConfig());
        config.putAll(Map.of(
                "tenancy.tenants",
                id,
                "tenancy.tenant." + id + ".name",
                "Restart Corp",
                "tenancy.tenant." + id + ".hosts",
                host));

        String generated;
        try (ServerProcess first = ServerProcess.start(root, Path.of("target", "restart-1.log"), config)) {
            Matcher m = GENERATED.matcher(first.log());
            assertTrue(m.find(), "a generated password is logged when none is configured");
            generated = m.group(1);
            assertFalse(m.find(), "and logged once");
            assertTrue(generated.length() >= 20, generated);

            TenancyClient client = new TenancyClient(first.port());
            admin(client, "wrong", "GET", "/tenants/" + id, null).assertProblem(401, "UNAUTHORIZED");
            admin(client, "", "GET", "/tenants/" + id, null).assertProblem(401, "UNAUTHORIZED");
            admin(client, generated, "PATCH", "/tenants/" + id, "{\"name\":\"Renamed by an operator\"}")
                    .assertJson(200);
            admin(client, generated, "POST", "/tenants", "{\"id\":\"" + id + "-rt\",\"hosts\":[\"rt." + host + "\"]}")
                    .assertStatus(201);
            client.postJson(host, "/api/documents", "{\"title\":\"Kept\",\"content\":\"across restarts\"}")
                    .assertStatus(201);
        }

        config.put("tenancy.tenant." + id + ".hosts", host + ",second." + host);
        config.put("tenancy.admin.password", "configured-secret");
        try (ServerProcess second = ServerProcess.start(root, Path.of("target", "restart-2.log"), config)) {
            assertFalse(GENERATED.matcher(second.log()).find(), "a configured password is never replaced");
            TenancyClient client = new TenancyClient(second.port());
            admin(client, generated, "GET", "/tenants/" + id, null).assertProblem(401, "UNAUTHORIZED");

            JsonObject tenant = admin(client, "configured-secret", "GET", "/tenants/" + id, null)
                    .assertJson(200);
            assertEquals("Renamed by an operator", tenant.getString("name"), "the operator's change is kept");
            assertEquals(
                    List.of(host, "second." + host),
                    tenant.getJsonArray("hosts").getValuesAs(JsonString.class).stream()
                            .map(JsonString::getString)
                            .toList(),
                    "the new host is added");
            assertEquals(
                    id,
                    client.get("second." + host, "/api/tenant/info")
                            .assertJson(200)
                            .getString("tenant_id"));
            assertEquals(
                    id + "-rt",
                    client.get("rt." + host, "/api/tenant/info").assertJson(200).getString("tenant_id"),
                    "the tenant registered at run time is still there");
            JsonObject documents = client.get(host, "/api/documents").assertJson(200);
            assertEquals(1, documents.getInt("total"), "the document survived the restart");
            assertEquals(
                    "across restarts",
                    documents.getJsonArray("items").getJsonObject(0).getString("content"));
        }
    }

    private static TenancyClient.Reply admin(
            TenancyClient client, String password, String method, String path, String json) {
        return client.send(
                method,
                "localhost",
                "/api/admin" + path,
                json == null ? null : "application/json",
                json,
                "Authorization",
                TenancyClient.basic("admin", password));
    }
}
