package dev.rockstar.tenancy.tenant.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.Test;

import dev.rockstar.tenancy.testing.PayaraMicroProcess;
import dev.rockstar.tenancy.testing.TenancyClient;

/**
 * Two starts of Payara Micro on one server root (one embedded database): configured tenants are
 * registered once and keep what operators changed, and without a configured password each start
 * generates and logs its own.
 */
class RestartIT {

    private static final Pattern GENERATED = Pattern.compile("the admin password for this start is: (\\S+)");

    @Test
    void configuredTenantsAreRegisteredOnceAndOperatorChangesSurviveARestart() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target"), "payara-root-");
        Map<String, String> config = new HashMap<>(Map.of(
                "tenancy.tenants", "acme",
                "tenancy.tenant.acme.name", "Acme Corp",
                "tenancy.tenant.acme.hosts", "acme.test"));

        String generated;
        try (PayaraMicroProcess first = PayaraMicroProcess.start(root, Path.of("target", "restart-1.log"), config)) {
            Matcher m = GENERATED.matcher(first.log());
            assertTrue(m.find(), "a generated password is logged when none is configured");
            generated = m.group(1);
            assertFalse(m.find(), "and logged once");
            assertTrue(generated.length() >= 20, generated);

            TenancyClient client = new TenancyClient(first.port());
            admin(client, "wrong", "GET", "/tenants/acme", null).assertProblem(401, "UNAUTHORIZED");
            admin(client, "", "GET", "/tenants/acme", null).assertProblem(401, "UNAUTHORIZED");
            admin(client, generated, "PATCH", "/tenants/acme", "{\"name\":\"Renamed by an operator\"}").assertJson(200);
            admin(client, generated, "POST", "/tenants", "{\"id\":\"runtime\",\"hosts\":[\"runtime.test\"]}")
                    .assertStatus(201);
        }

        config.put("tenancy.tenant.acme.hosts", "acme.test,second.acme.test");
        config.put("tenancy.admin.password", "configured-secret");
        try (PayaraMicroProcess second = PayaraMicroProcess.start(root, Path.of("target", "restart-2.log"), config)) {
            assertFalse(GENERATED.matcher(second.log()).find(), "a configured password is never replaced");
            TenancyClient client = new TenancyClient(second.port());
            admin(client, generated, "GET", "/tenants/acme", null).assertProblem(401, "UNAUTHORIZED");

            JsonObject acme = admin(client, "configured-secret", "GET", "/tenants/acme", null).assertJson(200);
            assertEquals("Renamed by an operator", acme.getString("name"), "the operator's change is kept");
            assertEquals(List.of("acme.test", "second.acme.test"), acme.getJsonArray("hosts")
                    .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList(), "the new host is added");
            JsonObject all = admin(client, "configured-secret", "GET", "/tenants", null).assertJson(200);
            assertEquals(2, all.getInt("total"), "acme once, and the tenant registered at run time");
            assertEquals("acme", client.get("second.acme.test", "/api/tenant/info").assertJson(200).getString("tenant_id"));
            assertEquals("runtime", client.get("runtime.test", "/api/tenant/info").assertJson(200).getString("tenant_id"));
        }
    }

    private static TenancyClient.Reply admin(TenancyClient client, String password, String method, String path, String json) {
        return client.send(method, "localhost", "/api/admin" + path, json == null ? null : "application/json", json,
                "Authorization", TenancyClient.basic("admin", password));
    }
}
