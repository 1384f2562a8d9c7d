package dev.rockstar.tenancy.admin.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TenantEventRecorder;
import dev.rockstar.tenancy.testing.Wait;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every call of the admin API (docs/HTTP-API.md), the happy path and the refusals. */
class AdminApiIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war()
                .addClasses(
                        TenantEventRecorder.class,
                        TenantEventRecorder.Recorded.class,
                        TenantEventRecorder.Resource.class);
    }

    @Test
    void tenantsFromConfigurationArePresentAfterStart() {
        JsonObject acme = client.admin("GET", "/tenants/acme", null).assertJson(200);
        assertEquals("Acme Corp", acme.getString("name"));
        assertEquals("ACTIVE", acme.getString("status"));
        assertEquals(List.of("acme.test", "www.acme.test"), strings(acme, "hosts"));
        JsonObject globex = client.admin("GET", "/tenants/globex", null).assertJson(200);
        assertEquals("Globex Inc", globex.getString("name"));
        assertEquals(List.of("globex.test"), strings(globex, "hosts"));
    }

    @Test
    void registerReadChangeAndDelete() {
        TenancyClient.Reply created = client.admin("POST", "/tenants", """
                {"id":"hooli","name":"Hooli","hosts":["Hooli.test","www.hooli.test."],
                 "config":{"features":{"exports":true},"limits":{"maxDocuments":10},"branding":{"displayName":"Hooli XYZ"}}}
                """);
        JsonObject tenant = created.assertJson(201);
        assertEquals(
                "/api/admin/tenants/hooli",
                java.net.URI.create(created.header("Location")).getPath(),
                "relative to the application, on every server (RESTEasy resolves a path of its own below it)");
        assertEquals("hooli", tenant.getString("id"));
        assertEquals("Hooli", tenant.getString("name"));
        assertEquals("ACTIVE", tenant.getString("status"));
        assertEquals(List.of("hooli.test", "www.hooli.test"), strings(tenant, "hosts"));
        assertEquals(10, tenant.getJsonObject("config").getJsonObject("limits").getInt("maxDocuments"));
        assertTrue(Instant.parse(tenant.getString("createdAt"))
                .isBefore(Instant.now().plusSeconds(60)));
        assertEquals(tenant, client.admin("GET", "/tenants/hooli", null).assertJson(200));

        JsonObject changed = client.admin("PATCH", "/tenants/hooli", """
                {"name":"Hooli Inc","config":{"features":{"beta":true},"limits":{"maxDocuments":null,"requestsPerSecond":5}}}
                """).assertJson(200);
        assertEquals("Hooli Inc", changed.getString("name"));
        JsonObject config = changed.getJsonObject("config");
        assertEquals(
                "{\"beta\":true,\"exports\":true}",
                config.getJsonObject("features").toString(),
                "merged");
        assertEquals("{\"requestsPerSecond\":5}", config.getJsonObject("limits").toString(), "null removes");
        assertEquals("Hooli XYZ", config.getJsonObject("branding").getString("displayName"), "untouched stays");
        assertEquals(changed, client.admin("GET", "/tenants/hooli", null).assertJson(200), "persisted");
        assertEquals(
                "Hooli Inc",
                client.get("hooli.test", "/api/tenant/info").assertJson(200).getString("name"),
                "visible on the next request");

        client.admin("DELETE", "/tenants/hooli", null).assertStatus(204);
        client.admin("GET", "/tenants/hooli", null).assertProblem(404, "NOT_FOUND");
        client.get("hooli.test", "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");
        client.admin("DELETE", "/tenants/hooli", null).assertProblem(404, "NOT_FOUND");
    }

    @Test
    void aPatchTakesMergePatchMediaTypeToo() {
        register("patchy", "patchy.test");
        TenancyClient.Reply reply = client.send(
                "PATCH",
                "localhost",
                "/api/admin/tenants/patchy",
                "application/merge-patch+json",
                "{\"name\":\"Patchy\"}",
                "Authorization",
                TenancyClient.basic("admin", Deployments.ADMIN_PASSWORD));
        assertEquals("Patchy", reply.assertJson(200).getString("name"));
        client.admin("DELETE", "/tenants/patchy", null).assertStatus(204);
    }

    @Test
    void aPatchThatFailsValidationChangesNothing() {
        register("careful", "careful.test");
        client.admin("PATCH", "/tenants/careful", """
                {"name":"Changed","config":{"limits":{"maxDocuments":-5}}}""").assertProblem(400, "VALIDATION_FAILED");
        client.admin("PATCH", "/tenants/careful", "{\"status\":\"GONE\"}").assertProblem(400, "VALIDATION_FAILED");
        client.admin("PATCH", "/tenants/careful", "{\"hosts\":[\"x.test\"]}").assertProblem(400, "VALIDATION_FAILED");
        assertEquals(
                "careful",
                client.admin("GET", "/tenants/careful", null).assertJson(200).getString("name"));
        client.admin("PATCH", "/tenants/nobody", "{\"name\":\"x\"}").assertProblem(404, "NOT_FOUND");
        client.admin("DELETE", "/tenants/careful", null).assertStatus(204);
    }

    @Test
    void aHostAddedOrRemovedTakesEffectOnTheVeryNextRequest() {
        register("moving", "moving.test");
        client.get("new-home.test", "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");
        client.admin("PUT", "/tenants/moving/hosts/New-Home.test.", null).assertStatus(204);
        assertEquals(
                "moving",
                client.get("new-home.test", "/api/tenant/info").assertJson(200).getString("tenant_id"));
        client.admin("PUT", "/tenants/moving/hosts/new-home.test", null).assertStatus(204); // idempotent

        JsonObject owner = client.admin("GET", "/hosts/NEW-HOME.test", null).assertJson(200);
        assertEquals("new-home.test", owner.getString("host"));
        assertEquals("moving", owner.getString("tenantId"));

        client.admin("DELETE", "/tenants/moving/hosts/new-home.test", null).assertStatus(204);
        client.get("new-home.test", "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");
        client.admin("GET", "/hosts/new-home.test", null).assertProblem(404, "NOT_FOUND");
        client.admin("DELETE", "/tenants/moving/hosts/new-home.test", null).assertProblem(404, "NOT_FOUND");
        client.admin("DELETE", "/tenants/moving", null).assertStatus(204);
    }

    @Test
    void aHostCanMoveToAnotherTenantOnlyOnceReleased() {
        register("first", "shared.test");
        register("second", "second.test");
        client.admin("PUT", "/tenants/second/hosts/SHARED.test", null).assertProblem(409, "CONFLICT");
        assertEquals(
                "first",
                client.get("shared.test", "/api/tenant/info").assertJson(200).getString("tenant_id"));
        client.admin("DELETE", "/tenants/first/hosts/shared.test", null).assertStatus(204);
        client.admin("PUT", "/tenants/second/hosts/shared.test", null).assertStatus(204);
        assertEquals(
                "second",
                client.get("shared.test", "/api/tenant/info").assertJson(200).getString("tenant_id"));
        client.admin("DELETE", "/tenants/first", null).assertStatus(204);
        client.admin("DELETE", "/tenants/second", null).assertStatus(204);
    }

    @Test
    void duplicateIdsAndOwnedHostsConflict() {
        client.admin("POST", "/tenants", "{\"id\":\"acme\",\"hosts\":[\"other.test\"]}")
                .assertProblem(409, "CONFLICT");
        client.admin("POST", "/tenants", "{\"id\":\"acme-two\",\"hosts\":[\"ACME.test.\"]}")
                .assertProblem(409, "CONFLICT");
        client.admin("GET", "/tenants/acme-two", null).assertProblem(404, "NOT_FOUND"); // nothing half-written
        client.get("other.test", "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Acme",
                "-acme",
                "acme_corp",
                "acme.corp",
                "acme corp",
                "",
                "äcme",
                "a234567890123456789012345678901234567890123456789012345678901234"
            })
    void invalidIdsAreRefused(String id) {
        client.admin("POST", "/tenants", "{\"id\":\"" + id + "\"}").assertProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void eachRefusalNamesItsFieldApartFromTheDetail() {
        assertField("id", client.admin("POST", "/tenants", "{\"id\":\"Not An Id\"}"), 400, "VALIDATION_FAILED");
        assertField("id", client.admin("POST", "/tenants", "{\"name\":\"No id\"}"), 400, "VALIDATION_FAILED");
        assertField(
                "hosts[1]",
                client.admin("POST", "/tenants", "{\"id\":\"fields\",\"hosts\":[\"ok.test\",\"a..b\"]}"),
                400,
                "HOST_INVALID");
        assertField(
                "hosts[0]",
                client.admin("POST", "/tenants", "{\"id\":\"fields\",\"hosts\":[\"10.0.0.1\"]}"),
                400,
                "VALIDATION_FAILED");
        assertField(
                "config.limits.maxDocs",
                client.admin("POST", "/tenants", "{\"id\":\"fields\",\"config\":{\"limits\":{\"maxDocs\":1}}}"),
                400,
                "VALIDATION_FAILED");
        assertField(
                "tenant_id",
                client.admin("POST", "/tenants", "{\"id\":\"fields\",\"tenant_id\":\"acme\"}"),
                400,
                "VALIDATION_FAILED");
        assertField("id", client.admin("POST", "/tenants", "{\"id\":\"acme\"}"), 409, "CONFLICT");
        assertField(
                "hosts",
                client.admin("POST", "/tenants", "{\"id\":\"fields\",\"hosts\":[\"acme.test\"]}"),
                409,
                "CONFLICT");
        assertField("name", client.admin("PATCH", "/tenants/acme", "{\"name\":\"  \"}"), 400, "VALIDATION_FAILED");
        assertField("host", client.admin("PUT", "/tenants/acme/hosts/127.0.0.1", null), 400, "VALIDATION_FAILED");
        // about no single field: no member
        JsonObject notJson = client.admin("POST", "/tenants", "{").assertProblem(400, "VALIDATION_FAILED");
        assertFalse(notJson.containsKey("field"), notJson.toString());
        client.admin("GET", "/tenants/fields", null).assertProblem(404, "NOT_FOUND");
    }

    private static void assertField(String field, TenancyClient.Reply reply, int status, String code) {
        JsonObject problem = reply.assertProblem(status, code);
        assertEquals(field, problem.getString("field"), problem.toString());
        assertTrue(problem.getString("detail").startsWith(field) || status == 409, problem.toString());
    }

    @Test
    void malformedRegistrationsAreRefusedAndNothingIsWritten() {
        client.admin("POST", "/tenants", "{\"name\":\"No id\"}").assertProblem(400, "VALIDATION_FAILED");
        client.admin("POST", "/tenants", "{\"id\":\"bad-hosts\",\"hosts\":\"x.test\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        client.admin("POST", "/tenants", "{\"id\":\"bad-hosts\",\"hosts\":[\"ok.test\",\"a..b\"]}")
                .assertProblem(400, "HOST_INVALID");
        client.admin("POST", "/tenants", "{\"id\":\"bad-hosts\",\"hosts\":[\"10.0.0.1\"]}")
                .assertProblem(400, "VALIDATION_FAILED");
        client.admin("POST", "/tenants", "{\"id\":\"bad-hosts\",\"status\":\"DELETED\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        client.admin("POST", "/tenants", "{\"id\":\"bad-hosts\",\"tenant_id\":\"acme\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        client.admin("POST", "/tenants", "{\"id\":\"bad-hosts\",\"config\":{\"limits\":{\"maxDocs\":1}}}")
                .assertProblem(400, "VALIDATION_FAILED");
        client.admin("GET", "/tenants/bad-hosts", null).assertProblem(404, "NOT_FOUND");
        client.get("ok.test", "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");
    }

    @Test
    void aSuspendedTenantCanBeRegisteredAsSuch() {
        JsonObject tenant = client.admin(
                        "POST",
                        "/tenants",
                        "{\"id\":\"dormant\",\"hosts\":[\"dormant.test\"],\"status\":\"SUSPENDED\"}")
                .assertJson(201);
        assertEquals("dormant", tenant.getString("name"), "the name defaults to the id");
        client.get("dormant.test", "/api/tenant/info").assertProblem(403, "TENANT_INACTIVE");
        client.admin("DELETE", "/tenants/dormant", null).assertStatus(204);
    }

    @Test
    void pagingWalksEveryTenantOnceInIdOrder() {
        for (int i = 0; i < 7; i++) {
            register("page-" + i, "page-" + i + ".test");
        }
        JsonObject first =
                client.admin("GET", "/tenants?offset=0&limit=4", null).assertJson(200);
        int total = first.getInt("total");
        assertTrue(total >= 9, "the 7 and the 2 configured");
        List<String> ids = new ArrayList<>();
        for (int offset = 0; offset < total; offset += 4) {
            JsonObject page = client.admin("GET", "/tenants?offset=" + offset + "&limit=4", null)
                    .assertJson(200);
            assertTrue(page.getJsonArray("items").size() <= 4);
            assertEquals(total, page.getInt("total"));
            page.getJsonArray("items")
                    .forEach(item -> ids.add(item.asJsonObject().getString("id")));
        }
        assertEquals(total, ids.size());
        assertEquals(ids.stream().sorted().distinct().toList(), ids, "sorted, no repeats");
        assertEquals(
                0,
                client.admin("GET", "/tenants?offset=" + total, null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .size());
        assertEquals(
                Math.min(total, 50),
                client.admin("GET", "/tenants", null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .size(),
                "limit defaults to 50");
        for (String bad : new String[] {"limit=0", "limit=501", "limit=abc", "offset=-1", "offset=x"}) {
            client.admin("GET", "/tenants?" + bad, null).assertProblem(400, "VALIDATION_FAILED");
        }
        for (int i = 0; i < 7; i++) {
            client.admin("DELETE", "/tenants/page-" + i, null).assertStatus(204);
        }
    }

    @Test
    void everyCallNeedsTheAdminCredentials() {
        String[][] calls = {
            {"GET", "/api/admin/tenants"},
            {"POST", "/api/admin/tenants"},
            {"GET", "/api/admin/tenants/acme"},
            {"PATCH", "/api/admin/tenants/acme"},
            {"DELETE", "/api/admin/tenants/acme"},
            {"PUT", "/api/admin/tenants/acme/hosts/x.test"},
            {"DELETE", "/api/admin/tenants/acme/hosts/acme.test"},
            {"GET", "/api/admin/hosts/acme.test"},
        };
        // Wrong passwords for the operator's own name would lock it after ten (the login
        // throttle, tested below), so the wrong pairs use other names.
        String[] wrong = {
            null,
            TenancyClient.basic("operator", "wrong"),
            TenancyClient.basic("root", Deployments.ADMIN_PASSWORD),
            TenancyClient.basic("nobody", ""),
            "Basic !!!notbase64",
            "Bearer " + Deployments.ADMIN_PASSWORD
        };
        for (String[] call : calls) {
            for (String authorization : wrong) {
                String body = call[0].equals("GET") || call[0].equals("DELETE") || call[0].equals("PUT") ? null : "{}";
                TenancyClient.Reply reply = authorization == null
                        ? client.send(call[0], "localhost", call[1], body == null ? null : "application/json", body)
                        : client.send(
                                call[0],
                                "localhost",
                                call[1],
                                body == null ? null : "application/json",
                                body,
                                "Authorization",
                                authorization);
                reply.assertProblem(401, "UNAUTHORIZED");
                assertTrue(reply.header("WWW-Authenticate").startsWith("Basic"), call[0] + " " + call[1]);
            }
        }
        // none of those reached the registry
        JsonObject acme = client.admin("GET", "/tenants/acme", null).assertJson(200);
        assertEquals("Acme Corp", acme.getString("name"));
        assertEquals(List.of("acme.test", "www.acme.test"), strings(acme, "hosts"));
    }

    @Test
    void tenantResourcesNeedNoCredentialsAndAdminCredentialsOpenNoTenantData() {
        JsonObject info = client.send(
                        "GET",
                        "acme.test",
                        "/api/tenant/info",
                        null,
                        null,
                        "Authorization",
                        TenancyClient.basic("admin", "wrong"))
                .assertJson(200);
        assertEquals("acme", info.getString("tenant_id"));
        assertFalse(info.containsKey("status"), "visitors do not see operator fields");
    }

    @Test
    void everyCommittedChangeIsAnEventAndAFailedOneIsNot() {
        register("eventful", "eventful.test");
        client.admin("PATCH", "/tenants/eventful", "{\"name\":\"Eventful\"}").assertJson(200);
        client.admin("PATCH", "/tenants/eventful", "{\"status\":\"SUSPENDED\"}").assertJson(200);
        client.admin("PATCH", "/tenants/eventful", "{\"status\":\"ACTIVE\"}").assertJson(200);
        client.admin("PUT", "/tenants/eventful/hosts/more.eventful.test", null).assertStatus(204);
        client.admin("PUT", "/tenants/eventful/hosts/acme.test", null).assertProblem(409, "CONFLICT");
        client.admin("DELETE", "/tenants/eventful", null).assertStatus(204);

        String body = client.get("localhost", "/api/test/tenant-events")
                .assertStatus(200)
                .body();
        List<String> events =
                Json.createReader(new StringReader(body)).readArray().getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .filter(event -> event.contains(" eventful "))
                        .toList();
        assertEquals(
                List.of(
                        "REGISTERED eventful before=- after=ACTIVE",
                        "CHANGED eventful before=ACTIVE after=ACTIVE",
                        "SUSPENDED eventful before=ACTIVE after=SUSPENDED",
                        "REACTIVATED eventful before=SUSPENDED after=ACTIVE",
                        "CHANGED eventful before=ACTIVE after=ACTIVE",
                        "DELETED eventful before=ACTIVE after=-"),
                events);
    }

    @Test
    void theListFindsTextInIdNameOrHostAndFiltersByStatus() {
        String stamp = Long.toHexString(System.nanoTime());
        register("find-a-" + stamp, "shop-" + stamp + ".test");
        client.admin(
                        "POST",
                        "/tenants",
                        "{\"id\":\"find-b-" + stamp + "\",\"name\":\"Widgets " + stamp.toUpperCase()
                                + "\",\"hosts\":[\"b-" + stamp + ".test\"],\"status\":\"SUSPENDED\"}")
                .assertStatus(201);

        assertEquals(List.of("find-a-" + stamp), ids("q=find-a-" + stamp));
        assertEquals(List.of("find-b-" + stamp), ids("q=widgets%20" + stamp), "the name, ignoring case");
        assertEquals(List.of("find-a-" + stamp), ids("q=SHOP-" + stamp), "a host");
        assertEquals(List.of("find-a-" + stamp, "find-b-" + stamp), ids("q=" + stamp));
        assertEquals(List.of("find-b-" + stamp), ids("q=" + stamp + "&status=SUSPENDED"));
        assertEquals(List.of("find-a-" + stamp), ids("q=" + stamp + "&status=ACTIVE"));
        assertEquals(List.of(), ids("q=" + stamp + "%25"), "a % is a character, not a wildcard");
        assertEquals(List.of(), ids("q=find_a_" + stamp), "nor is an underscore");

        JsonObject page = client.admin("GET", "/tenants?q=" + stamp + "&offset=1&limit=1", null)
                .assertJson(200);
        assertEquals(2, page.getInt("total"));
        assertEquals(
                "find-b-" + stamp, page.getJsonArray("items").getJsonObject(0).getString("id"));
        client.admin("GET", "/tenants?status=GONE", null).assertProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void theFootprintCountsTheTenantsRowsAndRecentRequests() {
        String host = client.newTenant("footprint");
        String id = TenancyClient.idOf(host);
        for (int i = 0; i < 3; i++) {
            client.get(host, "/api/tenant/info").assertJson(200);
        }
        client.postJson(host, "/api/documents", "{\"title\":\"one\",\"content\":\"c\"}")
                .assertJson(201);

        JsonObject footprint =
                client.admin("GET", "/tenants/" + id + "/footprint", null).assertJson(200);
        assertEquals(1, footprint.getJsonObject("rows").getInt("Document"));
        assertEquals(0, footprint.getJsonObject("rows").getInt("TenantUser"));
        assertTrue(footprint.getInt("cacheEntries") >= 0);
        assertEquals(
                4,
                footprint.getJsonArray("requestsPerMinute").getValuesAs(JsonNumber.class).stream()
                        .mapToLong(JsonNumber::longValue)
                        .sum(),
                "three GETs and a POST of this tenant");
        client.admin("GET", "/tenants/no-such-tenant/footprint", null).assertProblem(404, "NOT_FOUND");
    }

    @Test
    void auditEntriesNameTheirChannelAndAreFilteredByTime() {
        String id = TenancyClient.idOf(client.newTenant("channel"));
        client.admin("PATCH", "/tenants/" + id, "{\"status\":\"SUSPENDED\"}").assertJson(200);
        String query = "/audit?tenant=" + id + "&event=TENANT_SUSPENDED";
        JsonObject entry = Wait.until(
                        "the suspension in the audit log",
                        () -> client.admin("GET", query, null).assertJson(200).getJsonArray("items"),
                        items -> !items.isEmpty())
                .getJsonObject(0);
        assertEquals("api", entry.getString("channel"));
        assertEquals("admin", entry.getString("actor"));

        Instant at = Instant.parse(entry.getString("at"));
        assertEquals(
                1,
                client.admin("GET", query + "&since=" + at + "&until=" + at, null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .size());
        assertEquals(
                0,
                client.admin("GET", query + "&since=" + at.plusSeconds(1), null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .size());
        assertEquals(
                0,
                client.admin("GET", query + "&until=" + at.minusSeconds(1), null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .size());
        client.admin("GET", "/audit?since=yesterday", null).assertProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void wrongAdminPasswordsAreThrottledPerNameAndAuditedWhileTheOperatorStillWorks() {
        String name = "guesser-" + Long.toHexString(System.nanoTime());
        for (int i = 0; i < 10; i++) {
            client.send(
                            "GET",
                            "localhost",
                            "/api/admin/tenants",
                            null,
                            null,
                            "Authorization",
                            TenancyClient.basic(name, "guess-" + i))
                    .assertProblem(401, "UNAUTHORIZED");
        }
        TenancyClient.Reply refused = client.send(
                "GET",
                "localhost",
                "/api/admin/tenants",
                null,
                null,
                "Authorization",
                TenancyClient.basic(name, "guess-10"));
        refused.assertProblem(429, "TOO_MANY_ATTEMPTS");
        assertTrue(
                Integer.parseInt(refused.header("Retry-After")) >= 1,
                refused.headers().toString());
        client.admin("GET", "/tenants?limit=1", null).assertJson(200); // another name, the same address

        long failed = Wait.until(
                "the ten failures in the audit log",
                () -> client
                        .admin("GET", "/audit?event=ADMIN_LOGIN_FAILED&limit=1000", null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .getValuesAs(JsonObject.class)
                        .stream()
                        .filter(e -> name.equals(e.getString("actor")))
                        .mapToLong(e -> e.getInt("count"))
                        .sum(),
                count -> count >= 10);
        assertEquals(10, failed, "ten failures, coalesced into entries with their count");
    }

    private List<String> ids(String query) {
        List<String> ids = new ArrayList<>();
        client.admin("GET", "/tenants?" + query, null)
                .assertJson(200)
                .getJsonArray("items")
                .forEach(item -> ids.add(item.asJsonObject().getString("id")));
        return ids;
    }

    private void register(String id, String host) {
        client.admin("POST", "/tenants", "{\"id\":\"" + id + "\",\"hosts\":[\"" + host + "\"]}")
                .assertStatus(201);
    }

    private static List<String> strings(JsonObject json, String field) {
        return json.getJsonArray(field).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }
}
