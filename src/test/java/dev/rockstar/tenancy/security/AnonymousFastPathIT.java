package dev.rockstar.tenancy.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Requests that authenticate nobody are answered in front of Jakarta Security, on every server:
 * they have no caller, exactly as before, while logins, sessions, operators and the console still
 * reach the application's mechanism.
 */
class AnonymousFastPathIT extends DeployedWarTest {

    private static final String PROBE = "/api/test/caller";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void theFastPathIsInFrontOfJakartaSecurity() {
        assertTrue(client.get("acme.test", PROBE).assertJson(200).getBoolean("fastPath"));
    }

    @Test
    void anAnonymousRequestHasNoCallerWithOrWithoutAStaleSessionId() {
        assertNobody(client.get("acme.test", PROBE).assertJson(200));
        // a session id the server never issued is handed to the mechanism, which finds no session
        assertNobody(client.get("acme.test", PROBE, "Cookie", "JSESSIONID=never-issued-by-this-server")
                .assertJson(200));
        client.get("acme.test", "/api/me").assertProblem(401, "UNAUTHORIZED");
    }

    @Test
    void aLoginFromAClientWithoutCookiesAuthenticatesItsSessionUntilLogout() {
        String host = client.newTenant("fast-path");
        client.createUser(host, "mia", "password-of-mia", "[\"manager\"]");
        String session = "JSESSIONID="
                + TenancyClient.sessionOf(
                        client.login(host, "mia", "password-of-mia").assertStatus(200));

        JsonObject caller = client.get(host, PROBE, "Cookie", session).assertJson(200);
        assertEquals("mia", caller.getString("userPrincipal"), caller.toString());
        assertEquals("mia", caller.getString("callerPrincipal"), caller.toString());
        assertTrue(caller.getBoolean("manager"), caller.toString());
        assertEquals(
                "mia",
                client.get(host, "/api/me", "Cookie", session).assertJson(200).getString("username"));
        // the same request without the cookie is nobody's
        assertNobody(client.get(host, PROBE).assertJson(200));

        client.postJson(host, "/api/logout", "{}", "Cookie", session).assertStatus(204);
        assertNobody(client.get(host, PROBE, "Cookie", session).assertJson(200));
        client.get(host, "/api/me", "Cookie", session).assertProblem(401, "UNAUTHORIZED");
    }

    @Test
    void operatorsAndTheConsoleStillGoThroughTheMechanism() {
        TenancyClient.Reply refused = client.get("localhost", "/api/admin/tenants");
        refused.assertProblem(401, "UNAUTHORIZED");
        assertTrue(
                refused.header("WWW-Authenticate").startsWith("Basic"),
                refused.headers().toString());
        client.admin("GET", "/tenants?limit=1", null).assertStatus(200);

        TenancyClient.Reply console = client.get("localhost", "/admin/tenants.xhtml");
        assertEquals(302, console.status(), console.toString());
        assertTrue(
                console.header("Location").contains("/admin/login.xhtml"),
                console.headers().toString());
    }

    private static void assertNobody(JsonObject caller) {
        assertTrue(caller.isNull("userPrincipal"), caller.toString());
        // WildFly's Elytron names its anonymous identity "anonymous", with or without the fast path
        assertTrue(
                caller.isNull("callerPrincipal") || "anonymous".equals(caller.getString("callerPrincipal")),
                caller.toString());
        assertFalse(caller.getBoolean("manager"), caller.toString());
    }
}
