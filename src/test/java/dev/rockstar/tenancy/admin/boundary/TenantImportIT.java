package dev.rockstar.tenancy.admin.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TenantEventRecorder;
import dev.rockstar.tenancy.testing.Wait;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/admin/tenants/import}: a batch registers all of its tenants or none, refuses by
 * the rules of a single registration and names the line or index that failed. Ids carry a prefix
 * of their own: the PostgreSQL run shares its database between test classes.
 */
@Tag(DependsOnDatabase.TAG)
class TenantImportIT extends DeployedWarTest {

    private static final String NDJSON = "application/x-ndjson";

    private final String p = "imp" + Long.toHexString(System.nanoTime());

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war()
                .addClasses(
                        TenantEventRecorder.class,
                        TenantEventRecorder.Recorded.class,
                        TenantEventRecorder.Resource.class);
    }

    @Test
    void anNdjsonBatchRegistersEveryTenantAndFiresRegisteredForEach() {
        String body = tenant("a", "{\"features\":{\"beta\":true}}") + "\r\n"
                + tenant("b", null) + "\n\n" // CRLF and an empty line are fine
                + "{\"id\":\"" + p + "-c\",\"hosts\":[\"" + p + "-c.test\",\"WWW." + p
                + "-c.test.\"],\"status\":\"SUSPENDED\"}\n";
        JsonObject answer = importing(NDJSON, body).assertJson(200);
        assertEquals(3, answer.getInt("registered"));

        JsonObject a = client.get(p + "-a.test", "/api/tenant/info").assertJson(200);
        assertEquals(p + "-a", a.getString("tenant_id"));
        assertTrue(a.getJsonObject("config").getJsonObject("features").getBoolean("beta"));
        assertEquals(
                "Tenant b",
                client.get(p + "-b.test", "/api/tenant/info").assertJson(200).getString("name"));
        client.get("www." + p + "-c.test", "/api/tenant/info").assertProblem(403, "TENANT_INACTIVE");
        JsonObject c = client.admin("GET", "/tenants/" + p + "-c", null).assertJson(200);
        assertEquals(p + "-c", c.getString("name"), "the name defaults to the id, as for one registration");
        assertEquals(List.of(p + "-c.test", "www." + p + "-c.test"), strings(c, "hosts"));

        List<String> events = events();
        for (String id : List.of("a", "b", "c")) {
            assertTrue(
                    events.contains("REGISTERED " + p + "-" + id + " before=- after="
                            + (id.equals("c") ? "SUSPENDED" : "ACTIVE")),
                    () -> id + ": " + events);
        }
    }

    @Test
    void aBatchIsOneAuditEntryNamingItsTenantsNotOneEach() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            body.append(tenant("audit" + i, null)).append('\n');
        }
        assertEquals(30, importing(NDJSON, body.toString()).assertJson(200).getInt("registered"));

        List<JsonObject> summaries = Wait.until(
                "the batch's TENANTS_REGISTERED entry",
                () -> auditEntries("TENANTS_REGISTERED").stream()
                        .filter(e -> e.getString("detail").contains(p + "-audit0"))
                        .toList(),
                entries -> !entries.isEmpty());
        assertEquals(1, summaries.size(), summaries::toString);
        String detail = summaries.get(0).getString("detail");
        assertTrue(detail.startsWith("30 tenants registered together: " + p + "-audit0, " + p + "-audit1, "), detail);
        assertTrue(detail.contains(p + "-audit29"), detail);
        assertEquals("admin", summaries.get(0).getString("actor"));
        assertEquals("api", summaries.get(0).getString("channel"));
        // written in order: had there been one entry per tenant, they would be there by now
        assertEquals(
                List.of(),
                auditEntries("TENANT_REGISTERED").stream()
                        .filter(e -> e.getString("tenantId", "").startsWith(p + "-audit"))
                        .toList());
    }

    private List<JsonObject> auditEntries(String event) {
        return client.admin("GET", "/audit?event=" + event + "&limit=1000", null)
                .assertJson(200)
                .getJsonArray("items")
                .getValuesAs(JsonObject.class);
    }

    @Test
    void aJsonArrayBatchRegistersEveryTenant() {
        JsonObject answer = importing("application/json", "[" + tenant("x", null) + "," + tenant("y", null) + "]")
                .assertJson(200);
        assertEquals(2, answer.getInt("registered"));
        client.get(p + "-x.test", "/api/tenant/info").assertJson(200);
        client.get(p + "-y.test", "/api/tenant/info").assertJson(200);
    }

    @Test
    void aBadLineRegistersNoneAndIsNamed() {
        String detail = importing(NDJSON, tenant("ok", null) + "\n" + "{\"id\":\"Not Valid\"}\n" + tenant("ok2", null))
                .assertProblem(400, "VALIDATION_FAILED")
                .getString("detail");
        assertTrue(detail.startsWith("line 2: id must match"), detail);
        assertNothingRegistered("ok", "ok2");

        detail = importing(NDJSON, tenant("ok", null) + "\n" + tenant("ok2", null) + "\n{\"id\":")
                .assertProblem(400, "VALIDATION_FAILED")
                .getString("detail");
        assertEquals("line 3: The body is not valid JSON", detail);
        assertNothingRegistered("ok", "ok2");

        detail = importing(
                        "application/json",
                        "[" + tenant("ok", null) + ",{\"id\":\"" + p + "-h\",\"hosts\":[\"a..b\"]}]")
                .assertProblem(400, "HOST_INVALID")
                .getString("detail");
        assertTrue(detail.startsWith("[1]: hosts[0]: "), detail);
        detail = importing("application/json", "[" + tenant("ok", null) + ",\"ok2\"]")
                .assertProblem(400, "VALIDATION_FAILED")
                .getString("detail");
        assertTrue(detail.startsWith("[1]: "), detail);
        detail = importing(
                        "application/json",
                        "[" + tenant("ok", null) + ",{\"id\":\"" + p + "-l\",\"config\":{\"limits\":{\"maxDocs\":1}}}]")
                .assertProblem(400, "VALIDATION_FAILED")
                .getString("detail");
        assertTrue(detail.startsWith("[1]: config.limits.maxDocs"), detail);
        assertNothingRegistered("ok");

        importing(NDJSON, "\n\n").assertProblem(400, "VALIDATION_FAILED");
        importing("application/json", "[]").assertProblem(400, "VALIDATION_FAILED");
        importing("application/json", tenant("ok", null)).assertProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void aRefusalNamesItsFieldWithinTheTenantAndTheLineInTheDetail() {
        JsonObject problem = importing(NDJSON, tenant("f1", null) + "\n{\"id\":\"" + p + "-f2\",\"hosts\":[\"a..b\"]}")
                .assertProblem(400, "HOST_INVALID");
        assertEquals("hosts[0]", problem.getString("field"), problem.toString());
        assertTrue(problem.getString("detail").startsWith("line 2: hosts[0]: "), problem.toString());

        problem = importing("application/json", "[" + tenant("f1", null) + "," + tenant("f1", null) + "]")
                .assertProblem(409, "CONFLICT");
        assertEquals("id", problem.getString("field"), problem.toString());

        problem = importing(NDJSON, tenant("f1", null) + "\n{\"id\":").assertProblem(400, "VALIDATION_FAILED");
        assertFalse(problem.containsKey("field"), problem.toString());
        assertNothingRegistered("f1", "f2");
    }

    @Test
    void duplicatesInsideTheBatchAreRefusedNamingBothLines() {
        String detail = importing(NDJSON, tenant("d1", null) + "\n" + tenant("d2", null) + "\n" + tenant("d1", null))
                .assertProblem(409, "CONFLICT")
                .getString("detail");
        assertTrue(detail.startsWith("line 3: ") && detail.contains("line 1"), detail);
        assertNothingRegistered("d1", "d2");

        String sameHost = "{\"id\":\"" + p + "-d3\",\"hosts\":[\"" + p + "-d1.test\"]}";
        detail = importing("application/json", "[" + tenant("d1", null) + "," + sameHost + "]")
                .assertProblem(409, "CONFLICT")
                .getString("detail");
        assertTrue(detail.startsWith("[1]: ") && detail.contains("[0]") && detail.contains(p + "-d1.test"), detail);
        assertNothingRegistered("d1", "d3");
    }

    @Test
    void idsAndHostsOfRegisteredTenantsAreRefusedNamingTheLine() {
        String existing = client.newTenant(p);
        String existingId = TenancyClient.idOf(existing);

        String detail = importing(NDJSON, tenant("e1", null) + "\n{\"id\":\"" + existingId + "\"}")
                .assertProblem(409, "CONFLICT")
                .getString("detail");
        assertTrue(detail.startsWith("line 2: ") && detail.contains(existingId), detail);
        assertNothingRegistered("e1");

        detail = importing(
                        "application/json",
                        "[" + tenant("e1", null) + ",{\"id\":\"" + p + "-e2\",\"hosts\":[\"" + existing.toUpperCase()
                                + "\"]}]")
                .assertProblem(409, "CONFLICT")
                .getString("detail");
        assertTrue(detail.startsWith("[1]: ") && detail.contains(existing), detail);
        assertNothingRegistered("e1", "e2");
        assertEquals(
                existingId,
                client.get(existing, "/api/tenant/info").assertJson(200).getString("tenant_id"),
                "the existing tenant keeps its host");
    }

    private String tenant(String suffix, String config) {
        return "{\"id\":\"" + p + "-" + suffix + "\",\"name\":\"Tenant " + suffix + "\",\"hosts\":[\"" + p + "-"
                + suffix + ".test\"]" + (config == null ? "" : ",\"config\":" + config) + "}";
    }

    private TenancyClient.Reply importing(String contentType, String body) {
        return client.send(
                "POST",
                "localhost",
                "/api/admin/tenants/import",
                contentType,
                body,
                "Authorization",
                TenancyClient.basic("admin", Deployments.ADMIN_PASSWORD));
    }

    private void assertNothingRegistered(String... suffixes) {
        for (String suffix : suffixes) {
            client.admin("GET", "/tenants/" + p + "-" + suffix, null).assertProblem(404, "NOT_FOUND");
            client.get(p + "-" + suffix + ".test", "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");
        }
    }

    private List<String> events() {
        String body = client.get("localhost", "/api/test/tenant-events")
                .assertStatus(200)
                .body();
        return Json.createReader(new StringReader(body)).readArray().getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    private static List<String> strings(JsonObject json, String field) {
        return json.getJsonArray(field).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }
}
