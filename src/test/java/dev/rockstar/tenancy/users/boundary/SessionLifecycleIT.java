package dev.rockstar.tenancy.users.boundary;

import static dev.rockstar.tenancy.testing.TenancyClient.sessionOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TwoTenantsTest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Open sessions follow their user and tenant: a deleted user, a reset password and a deleted
 * (even re-created) tenant end them at their next request (401, and the session stays ended); a
 * removed role is gone at the next request while the user stays logged in (403 on what it guarded).
 * The same username in the other tenant is never touched.
 */
@Tag(DependsOnDatabase.TAG)
class SessionLifecycleIT extends TwoTenantsTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Override
    protected String prefix() {
        return "lifecycle";
    }

    @Test
    void aDeletedUsersOpenSessionGets401OnItsNextRequest() {
        client.createUser(a, "dora", "password-of-d", "[]");
        client.createUser(b, "dora", "password-of-bd", "[]");
        String session = sessionOf(login(a, "dora", "password-of-d"));
        String sessionOfB = sessionOf(login(b, "dora", "password-of-bd"));
        assertEquals("dora", me(a, session).assertJson(200).getString("username"));

        client.admin("DELETE", "/tenants/" + TenancyClient.idOf(a) + "/users/dora", null)
                .assertStatus(204);
        me(a, session).assertProblem(401, "UNAUTHORIZED");
        // a user created again under the name, even with the same password, is not the session's
        client.createUser(a, "dora", "password-of-d", "[]");
        me(a, session).assertProblem(401, "UNAUTHORIZED");
        assertEquals(
                "dora",
                me(a, sessionOf(login(a, "dora", "password-of-d")))
                        .assertJson(200)
                        .getString("username"));
        // B's user of the same name keeps its session
        assertEquals("dora", me(b, sessionOfB).assertJson(200).getString("username"));
    }

    @Test
    void aPasswordResetEndsTheSessionsOpenedWithTheOldOne() {
        client.createUser(a, "reset", "old-password", "[\"manager\"]");
        String first = sessionOf(login(a, "reset", "old-password"));
        String second = sessionOf(login(a, "reset", "old-password"));
        me(a, first).assertJson(200);

        client.admin(
                        "PUT",
                        "/tenants/" + TenancyClient.idOf(a) + "/users/reset/password",
                        "{\"password\":\"new-password\"}")
                .assertStatus(204);
        me(a, first).assertProblem(401, "UNAUTHORIZED");
        client.get(a, "/api/documents/stats", "Cookie", "JSESSIONID=" + second).assertProblem(401, "UNAUTHORIZED");
        me(a, second).assertProblem(401, "UNAUTHORIZED");
        String fresh = sessionOf(login(a, "reset", "new-password"));
        assertEquals("reset", me(a, fresh).assertJson(200).getString("username"));
        client.get(a, "/api/documents/stats", "Cookie", "JSESSIONID=" + fresh).assertJson(200);
    }

    @Test
    void aRemovedRoleNoLongerOpensWhatItGuardedWhileTheUserStaysLoggedIn() {
        client.createUser(a, "boss", "password-of-boss", "[\"manager\",\"clerk\"]");
        client.createUser(b, "boss", "password-of-bb", "[\"manager\"]");
        String session = sessionOf(login(a, "boss", "password-of-boss"));
        String sessionOfB = sessionOf(login(b, "boss", "password-of-bb"));
        client.get(a, "/api/documents/stats", "Cookie", "JSESSIONID=" + session).assertJson(200);

        TenancyClient.Reply changed = client.admin(
                "PUT", "/tenants/" + TenancyClient.idOf(a) + "/users/boss/roles", "{\"roles\":[\"clerk\"]}");
        assertEquals(
                "[\"clerk\"]", changed.assertJson(200).getJsonArray("roles").toString());
        client.get(a, "/api/documents/stats", "Cookie", "JSESSIONID=" + session).assertProblem(403, "FORBIDDEN");
        assertEquals("boss", me(a, session).assertJson(200).getString("username"), "still logged in");
        // the role given back opens it again, in the same session
        client.admin("PUT", "/tenants/" + TenancyClient.idOf(a) + "/users/boss/roles", "{\"roles\":[\"manager\"]}")
                .assertJson(200);
        client.get(a, "/api/documents/stats", "Cookie", "JSESSIONID=" + session).assertJson(200);
        // B's user of the same name was never touched
        client.get(b, "/api/documents/stats", "Cookie", "JSESSIONID=" + sessionOfB)
                .assertJson(200);
    }

    @Test
    void rolesAreValidatedAndTheUserMustExist() {
        String users = "/tenants/" + TenancyClient.idOf(a) + "/users";
        client.createUser(a, "val", "password-of-val", "[]");
        client.admin("PUT", users + "/val/roles", "{\"roles\":[\"bad role\"]}").assertProblem(400, "VALIDATION_FAILED");
        client.admin("PUT", users + "/val/roles", "{}").assertProblem(400, "VALIDATION_FAILED");
        client.admin("PUT", users + "/nobody/roles", "{\"roles\":[]}").assertProblem(404, "NOT_FOUND");
        client.admin("PUT", "/tenants/" + TenancyClient.idOf(b) + "/users/val/roles", "{\"roles\":[]}")
                .assertProblem(404, "NOT_FOUND");
    }

    @Test
    void aSessionOfADeletedAndRecreatedTenantGets401() {
        String id = TenancyClient.idOf(a);
        client.createUser(a, "olga", "password-of-o", "[]");
        String session = sessionOf(login(a, "olga", "password-of-o"));
        me(a, session).assertJson(200);

        client.admin("DELETE", "/tenants/" + id, null).assertStatus(204);
        client.admin("POST", "/tenants", "{\"id\":\"" + id + "\",\"hosts\":[\"" + a + "\"]}")
                .assertStatus(201);
        client.createUser(a, "olga", "password-of-o", "[]");
        me(a, session).assertProblem(401, "UNAUTHORIZED");
        me(a, session).assertProblem(401, "UNAUTHORIZED");
        assertEquals(
                id,
                me(a, sessionOf(login(a, "olga", "password-of-o")))
                        .assertJson(200)
                        .getString("tenant_id"));
    }

    private TenancyClient.Reply me(String host, String session) {
        return client.get(host, "/api/me", "Cookie", "JSESSIONID=" + session);
    }

    private TenancyClient.Reply login(String host, String username, String password) {
        return client.login(host, username, password).assertStatus(200);
    }
}
