package dev.rockstar.tenancy.users.boundary;

import static dev.rockstar.tenancy.testing.TenancyClient.sessionOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.RunsOnce;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TwoTenantsTest;
import dev.rockstar.tenancy.testing.Wait;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Tenant users, tenant-bound sessions and the audit log, with two tenants that share usernames. */
class TenantUsersIT extends TwoTenantsTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.warForUnknownHostBursts();
    }

    @Override
    protected String prefix() {
        return "users";
    }

    @Test
    void theSameUsernameInTwoTenantsLogsInOnlyOnItsOwnHost() {
        client.createUser(a, "alice", "password-of-a", "[]");
        client.createUser(b, "alice", "password-of-b", "[]");
        assertEquals(
                TenancyClient.idOf(a),
                client.login(a, "alice", "password-of-a").assertJson(200).getString("tenant_id"));
        assertEquals(
                TenancyClient.idOf(b),
                client.login(b, "alice", "password-of-b").assertJson(200).getString("tenant_id"));
        client.login(a, "alice", "password-of-b").assertProblem(401, "UNAUTHORIZED");
        client.login(b, "alice", "password-of-a").assertProblem(401, "UNAUTHORIZED");
        client.login(a, "nobody", "password-of-a").assertProblem(401, "UNAUTHORIZED");
    }

    @Test
    void theEleventhWrongPasswordInAMinuteIsRefusedWhileAnotherAccountStillLogsIn() {
        client.createUser(a, "victim", "password-of-v", "[]");
        client.createUser(a, "neighbour", "password-of-n", "[]");
        for (int i = 0; i < 10; i++) {
            client.login(a, "victim", "guess-" + i).assertProblem(401, "UNAUTHORIZED");
        }
        TenancyClient.Reply refused = client.login(a, "victim", "password-of-v"); // even the right one, for now
        refused.assertProblem(429, "TOO_MANY_ATTEMPTS");
        assertTrue(
                Integer.parseInt(refused.header("Retry-After")) >= 1,
                refused.headers().toString());
        // the same address, another account: not locked out with it
        assertEquals(
                "neighbour",
                client.login(a, "neighbour", "password-of-n").assertJson(200).getString("username"));
        // the same username in another tenant is another account
        client.createUser(b, "victim", "password-of-b", "[]");
        client.login(b, "victim", "password-of-b").assertStatus(200);
    }

    @Test
    void aSessionOfOneTenantIsRefusedOnAnotherTenantsHost() {
        client.createUser(a, "mallory", "password-of-a", "[\"manager\"]");
        String session = sessionOf(client.login(a, "mallory", "password-of-a").assertStatus(200));
        client.postJson(b, "/api/documents", "{\"title\":\"B's\",\"content\":\"untouched\"}")
                .assertStatus(201);

        client.get(b, "/api/me", "Cookie", "JSESSIONID=" + session).assertProblem(403, "TENANT_MISMATCH");
        client.send("DELETE", b, "/api/documents/x", null, null, "Cookie", "JSESSIONID=" + session)
                .assertProblem(403, "TENANT_MISMATCH");
        client.postJson(b, "/api/documents", "{\"title\":\"planted\"}", "Cookie", "JSESSIONID=" + session)
                .assertProblem(403, "TENANT_MISMATCH");
        JsonObject documentsOfB = client.get(b, "/api/documents").assertJson(200);
        assertEquals(1, documentsOfB.getInt("total"), "B's data untouched");

        JsonObject entry = client.awaitAudit("tenant=" + TenancyClient.idOf(b) + "&event=TENANT_MISMATCH", e -> true);
        assertEquals("mallory", entry.getString("actor"));
        assertTrue(entry.getString("detail").contains(TenancyClient.idOf(a)), entry.toString());
        assertFalse(entry.getString("remoteAddress").isBlank());
        // and the session still works where it belongs, unmoved
        assertEquals(
                "mallory",
                client.get(a, "/api/me", "Cookie", "JSESSIONID=" + session)
                        .assertJson(200)
                        .getString("username"));
    }

    @Test
    void theSessionIdChangesAtLoginAndLogoutEndsTheSession() {
        client.createUser(a, "bob", "password-of-bob", "[]");
        TenancyClient.Reply first = client.login(a, "bob", "password-of-bob").assertStatus(200);
        String before = sessionOf(first);
        String cookie = first.header("Set-Cookie");
        assertTrue(cookie.contains("HttpOnly"), cookie);
        if (!Deployments.isGlassFish()) {
            // GlassFish 7 writes no SameSite on its session cookie, whatever web.xml or
            // SessionCookieConfig say (README, Known limits).
            assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("samesite=lax"), cookie);
        }
        assertFalse(cookie.contains("Secure"), "plain HTTP here: " + cookie);

        String after = sessionOf(client.postJson(
                        a,
                        "/api/login",
                        "{\"username\":\"bob\",\"password\":\"password-of-bob\"}",
                        "Cookie",
                        "JSESSIONID=" + before)
                .assertStatus(200));
        assertNotEquals(before, after, "a new id at login");
        client.get(a, "/api/me", "Cookie", "JSESSIONID=" + before).assertProblem(401, "UNAUTHORIZED");
        assertEquals(
                "bob",
                client.get(a, "/api/me", "Cookie", "JSESSIONID=" + after)
                        .assertJson(200)
                        .getString("username"));

        client.send("POST", a, "/api/logout", null, null, "Cookie", "JSESSIONID=" + after)
                .assertStatus(204);
        client.get(a, "/api/me", "Cookie", "JSESSIONID=" + after).assertProblem(401, "UNAUTHORIZED");
        client.get(a, "/api/me").assertProblem(401, "UNAUTHORIZED");
    }

    @Test
    void rolesAllowedRefusesAUserWithoutTheRole() {
        client.createUser(a, "maria", "password-of-m", "[\"manager\"]");
        client.createUser(a, "clerk", "password-of-c", "[\"clerk\"]");
        client.get(a, "/api/documents/stats").assertProblem(401, "UNAUTHORIZED");
        String clerk = sessionOf(client.login(a, "clerk", "password-of-c").assertStatus(200));
        client.get(a, "/api/documents/stats", "Cookie", "JSESSIONID=" + clerk).assertProblem(403, "FORBIDDEN");
        String manager = sessionOf(client.login(a, "maria", "password-of-m").assertStatus(200));
        assertEquals(
                0,
                client.get(a, "/api/documents/stats", "Cookie", "JSESSIONID=" + manager)
                        .assertJson(200)
                        .getInt("total"));
        // a manager of A is nobody on B's host
        client.createUser(b, "maria", "password-of-bm", "[]");
        client.get(b, "/api/documents/stats", "Cookie", "JSESSIONID=" + manager).assertProblem(403, "TENANT_MISMATCH");
    }

    @Test
    void operatorsManageUsersAndNeverSeePasswords() {
        JsonObject created = client.createUser(a, "carol", "password-of-c", "[\"editor\",\"clerk\"]");
        assertEquals("carol", created.getString("username"));
        assertEquals(
                List.of("clerk", "editor"),
                created.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class).stream()
                        .map(jakarta.json.JsonString::getString)
                        .toList());
        assertFalse(created.containsKey("password") || created.containsKey("passwordHash"), created.toString());
        String users = "/tenants/" + TenancyClient.idOf(a) + "/users";
        assertEquals(
                1,
                client.admin("GET", users, null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .size());
        assertEquals(
                0,
                client.admin("GET", "/tenants/" + TenancyClient.idOf(b) + "/users", null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .size(),
                "B has none of A's users");
        // each refusal names its field apart from the detail
        assertEquals(
                "username",
                client.admin("POST", users, "{\"username\":\"carol\",\"password\":\"another-one\"}")
                        .assertProblem(409, "CONFLICT")
                        .getString("field"));
        assertEquals(
                "password",
                client.admin("POST", users, "{\"username\":\"x\",\"password\":\"short\"}")
                        .assertProblem(400, "VALIDATION_FAILED")
                        .getString("field"));
        assertEquals(
                "username",
                client.admin("POST", users, "{\"username\":\"bad name\",\"password\":\"long enough\"}")
                        .assertProblem(400, "VALIDATION_FAILED")
                        .getString("field"));
        assertEquals(
                "roles[0]",
                client.admin(
                                "POST",
                                users,
                                "{\"username\":\"x\",\"password\":\"long enough\",\"roles\":[\"tenancy-admin\"]}")
                        .assertProblem(400, "VALIDATION_FAILED")
                        .getString("field"));
        client.admin("POST", "/tenants/no-such-tenant/users", "{\"username\":\"x\",\"password\":\"long enough\"}")
                .assertProblem(404, "NOT_FOUND");

        client.admin("PUT", users + "/carol/password", "{\"password\":\"new-password\"}")
                .assertStatus(204);
        client.login(a, "carol", "password-of-c").assertProblem(401, "UNAUTHORIZED");
        client.login(a, "carol", "new-password").assertStatus(200);

        client.admin("DELETE", users + "/carol", null).assertStatus(204);
        client.admin("GET", users + "/carol", null).assertProblem(404, "NOT_FOUND");
        client.login(a, "carol", "new-password").assertProblem(401, "UNAUTHORIZED");
        client.get("localhost", "/api/admin" + users).assertProblem(401, "UNAUTHORIZED");
    }

    @Test
    void adminChangesAndFailedLoginsAreAuditedWithTenantAndActor() {
        String idOfA = TenancyClient.idOf(a);
        client.admin("PATCH", "/tenants/" + idOfA, "{\"status\":\"SUSPENDED\"}").assertJson(200);
        client.admin("PATCH", "/tenants/" + idOfA, "{\"status\":\"ACTIVE\"}").assertJson(200);
        client.createUser(a, "dave", "password-of-d", "[]");
        client.login(a, "dave", "wrong-password").assertProblem(401, "UNAUTHORIZED");

        assertEquals(
                "admin",
                client.awaitAudit("tenant=" + idOfA + "&event=TENANT_REGISTERED", e -> true)
                        .getString("actor"));
        assertEquals(
                "admin",
                client.awaitAudit("tenant=" + idOfA + "&event=TENANT_SUSPENDED", e -> true)
                        .getString("actor"));
        assertEquals(
                "admin",
                client.awaitAudit("tenant=" + idOfA + "&event=TENANT_REACTIVATED", e -> true)
                        .getString("actor"));
        assertEquals(
                "admin",
                client.awaitAudit(
                                "tenant=" + idOfA + "&event=USER_CREATED",
                                e -> e.getString("detail").contains("dave"))
                        .getString("actor"));
        assertEquals(
                "dave",
                client.awaitAudit("tenant=" + idOfA + "&event=LOGIN_FAILED", e -> true)
                        .getString("actor"));
    }

    @Test
    void theAuditApiFiltersByTenantAndEventAndNewestComesFirst() {
        client.login(a, "ghost-a", "whatever-1").assertStatus(401);
        client.login(b, "ghost-b", "whatever-2").assertStatus(401);
        client.awaitAudit("tenant=" + TenancyClient.idOf(a) + "&event=LOGIN_FAILED", e -> true);
        client.awaitAudit("tenant=" + TenancyClient.idOf(b) + "&event=LOGIN_FAILED", e -> true);

        JsonObject ofA = client.admin("GET", "/audit?tenant=" + TenancyClient.idOf(a) + "&limit=1000", null)
                .assertJson(200);
        for (JsonValue item : ofA.getJsonArray("items")) {
            assertEquals(TenancyClient.idOf(a), item.asJsonObject().getString("tenantId"), item.toString());
            assertFalse(item.toString().contains("ghost-b"), item.toString());
        }
        JsonObject failures = client.admin("GET", "/audit?event=LOGIN_FAILED&limit=1000", null)
                .assertJson(200);
        failures.getJsonArray("items")
                .forEach(i -> assertEquals("LOGIN_FAILED", i.asJsonObject().getString("event")));
        List<String> times = failures.getJsonArray("items").stream()
                .map(i -> i.asJsonObject().getString("at"))
                .toList();
        assertEquals(
                times.stream()
                        .sorted((x, y) -> Instant.parse(y).compareTo(Instant.parse(x)))
                        .toList(),
                times,
                "newest first");
        assertEquals(
                1,
                client.admin("GET", "/audit?limit=1", null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .size());
        client.admin("GET", "/audit?limit=0", null).assertProblem(400, "VALIDATION_FAILED");
        client.get("localhost", "/api/admin/audit").assertProblem(401, "UNAUTHORIZED");
    }

    @Test
    void askingForAnotherTenantsDocumentIsAuditedAndStillNotFound() {
        String idOfB = client.postJson(b, "/api/documents", "{\"title\":\"B only\"}")
                .assertJson(201)
                .getString("id");
        client.get(a, "/api/documents/" + idOfB).assertProblem(404, "NOT_FOUND");
        JsonObject entry = client.awaitAudit(
                "tenant=" + TenancyClient.idOf(a) + "&event=CROSS_TENANT_ID",
                e -> e.getString("detail").contains(idOfB));
        assertTrue(entry.getString("detail").contains(TenancyClient.idOf(b)), entry.toString());
    }

    @Test
    @Tag(RunsOnce.TAG) // waits for the window that saw the burst to close
    void aBurstOfRequestsForAnUnknownHostIsAuditedOnce() {
        String probe = "probe-" + Long.toHexString(System.nanoTime()) + ".test";
        for (int i = 0; i < 25; i++) {
            client.get(probe, "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");
        }
        long entries = Wait.until(
                "the burst's UNKNOWN_HOST_BURST entry, written as the window that saw it closes",
                Duration.ofSeconds(90),
                () -> client
                        .admin("GET", "/audit?event=UNKNOWN_HOST_BURST&limit=1000", null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .stream()
                        .filter(i -> i.asJsonObject().getString("detail").contains(probe))
                        .count(),
                count -> count > 0);
        assertEquals(1, entries, "one entry for the burst, not one per request");
    }

    @Test
    void everyResponseCarriesSecurityHeaders() {
        for (TenancyClient.Reply reply : List.of(
                client.get(a, "/"),
                client.get(a, "/api/tenant/info"),
                client.get("unknown.test", "/api/tenant/info"))) {
            assertEquals("nosniff", reply.header("X-Content-Type-Options"));
            assertTrue(reply.header("Content-Security-Policy").contains("default-src 'none'"));
            assertTrue(reply.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
            String server = reply.header("Server");
            assertTrue(server == null || !server.matches(".*\\d.*"), "no version banner: " + server);
        }
    }
}
