package dev.rockstar.tenancy.users.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TenancyClient.Reply;
import dev.rockstar.tenancy.testing.Wait;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * What a login may cost the server: credentials over their byte bound (HTTP-API.md) are refused
 * like wrong ones before anything keeps them (no throttle count, no audit entry, no hash), and
 * the node computes at most {@code tenancy.password.max-concurrent-hashes} password hashes at
 * once, here 2 with 1 of them reserved and no wait, so that concurrent logins beyond it answer
 * 503 {@code UNAVAILABLE}, which is no failed login.
 */
class LoginCostIT extends DeployedWarTest {

    /** More than the 100 failures a minute one address may have before every login of it is refused. */
    private static final int FLOOD = 150;

    private static final String MEGABYTE = "x".repeat(1_000_000);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of(
                "tenancy.password.max-concurrent-hashes", "2",
                "tenancy.password.reserved-hashes", "1",
                "tenancy.password.hash-wait-millis", "0"));
    }

    @Test
    void megabyteUsernamesAreWrongLoginsThatNothingKeeps() {
        String host = client.newTenant("bounds");
        client.createUser(host, "alice", "password-of-alice", "[]");
        for (int i = 0; i < FLOOD; i++) {
            client.login(host, "alice" + MEGABYTE, "password-of-alice").assertProblem(401, "UNAUTHORIZED");
        }
        client.login(host, "alice", "p".repeat(1025)).assertProblem(401, "UNAUTHORIZED");
        // not counted against this address (old: 429 TOO_MANY_ATTEMPTS after 100), so the right one passes
        client.login(host, "alice", "password-of-alice").assertJson(200);

        client.login(host, "marker", "wrong-password").assertProblem(401, "UNAUTHORIZED");
        List<JsonObject> failed = audited(
                "tenant=" + TenancyClient.idOf(host) + "&event=LOGIN_FAILED",
                entry -> entry.getString("actor").equals("marker"));
        assertEquals(
                List.of("marker"),
                failed.stream().map(e -> e.getString("actor")).toList(),
                "an oversized login leaves no audit entry");
    }

    @Test
    void everyPasswordThatCanBeSetLogsIn() {
        String host = client.newTenant("bounds");
        String longest = "€".repeat(200); // 200 UTF-16 units of 3 UTF-8 bytes each: the most bytes a password can have
        client.admin(
                        "POST",
                        "/tenants/" + TenancyClient.idOf(host) + "/users",
                        "{\"username\":\"" + "u".repeat(100) + "\",\"password\":\"" + longest + "\",\"roles\":[]}")
                .assertStatus(201);
        client.login(host, "u".repeat(100), longest).assertJson(200);
    }

    @Test
    void oversizedOperatorHeadersAreWrongLoginsThatNothingKeeps() {
        // 4 KB: over the bound, within every server's header limit; WildFly takes headers of 1 MiB too
        List<String> usernames = new ArrayList<>(List.of("admin" + "x".repeat(3_000)));
        if (Deployments.isWildFly()) {
            usernames.add("admin" + "x".repeat(700_000));
        }
        for (String username : usernames) {
            String header = TenancyClient.basic(username, Deployments.ADMIN_PASSWORD);
            for (int i = 0; i < FLOOD; i++) {
                Reply reply = client.get("localhost", "/api/admin/tenants?limit=1", "Authorization", header);
                reply.assertProblem(401, "UNAUTHORIZED");
                assertNotNull(reply.header("WWW-Authenticate"), "the same challenge as for a wrong password");
            }
        }
        // not counted against this address (old: 429 after 100): the operator's own calls pass
        client.admin("GET", "/tenants?limit=1", null).assertJson(200);

        client.get("localhost", "/api/admin/tenants?limit=1", "Authorization", TenancyClient.basic("marker", "wrong"))
                .assertProblem(401, "UNAUTHORIZED");
        List<JsonObject> failed = audited(
                "event=ADMIN_LOGIN_FAILED&limit=1000",
                entry -> entry.getString("actor").equals("marker"));
        assertTrue(
                failed.stream().noneMatch(e -> e.getString("actor").startsWith("adminxxx")),
                "no oversized operator login is audited: "
                        + failed.stream().map(e -> e.getString("actor")).toList());
    }

    /**
     * Four times the test machine's cores of wrong logins at once, each at an account of its own
     * (no per-account limit holds them back): with one shared permit and no wait, some answer 503
     * UNAVAILABLE with Retry-After, none 500, and only the 401s are failed logins in the audit log.
     */
    @Test
    void concurrentLoginsBeyondTheNodesBoundAnswer503() throws Exception {
        String host = client.newTenant("hashes");
        int logins = 4 * Runtime.getRuntime().availableProcessors();
        for (int u = 0; u < logins; u++) {
            client.createUser(host, "user" + u, "password-of-" + u, "[]");
        }
        int unauthorized = 0;
        int unavailable = 0;
        ExecutorService threads = Executors.newFixedThreadPool(logins);
        try {
            for (int round = 0; round < 5 && unavailable == 0; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Reply>> replies = new ArrayList<>();
                for (int u = 0; u < logins; u++) {
                    String username = "user" + u;
                    TenancyClient own = new TenancyClient(client.port());
                    replies.add(threads.submit(() -> {
                        start.await();
                        return own.login(host, username, "wrong-password");
                    }));
                }
                start.countDown();
                for (Future<Reply> future : replies) {
                    Reply reply = future.get();
                    if (reply.status() == 503) {
                        reply.assertProblem(503, "UNAVAILABLE");
                        assertNotNull(reply.header("Retry-After"), "Retry-After on " + reply.body());
                        unavailable++;
                    } else {
                        reply.assertProblem(401, "UNAUTHORIZED");
                        unauthorized++;
                    }
                }
            }
        } finally {
            threads.shutdown();
        }
        assertTrue(unavailable > 0, "no login found the node's hashes taken, in " + (unauthorized + unavailable));

        // the audit entries arrive after the answers: a wrong login sent after them all marks the end
        client.login(host, "marker", "wrong-password").assertProblem(401, "UNAUTHORIZED");
        int expected = unauthorized;
        List<JsonObject> failed = auditedUntil(
                "tenant=" + TenancyClient.idOf(host) + "&event=LOGIN_FAILED&limit=1000",
                entries -> count(entries, "user") >= expected
                        && entries.stream().anyMatch(e -> e.getString("actor").equals("marker")));
        assertEquals(expected, count(failed, "user"), "failed logins audited: the 401s, never a 503; " + failed);
        client.login(host, "user0", "password-of-0").assertJson(200);
    }

    private static long count(List<JsonObject> entries, String actorPrefix) {
        return entries.stream()
                .filter(e -> e.getString("actor").startsWith(actorPrefix))
                .mapToLong(e -> e.getInt("count", 1))
                .sum();
    }

    /** The audit entries of the query once one of them is {@code awaited}. */
    private List<JsonObject> audited(String query, Predicate<JsonObject> awaited) {
        return auditedUntil(query, entries -> entries.stream().anyMatch(awaited));
    }

    /** The audit entries of the query once they are {@code enough}. */
    private List<JsonObject> auditedUntil(String query, Predicate<List<JsonObject>> enough) {
        return Wait.until(
                "enough audit entries of " + query,
                () -> client.admin("GET", "/audit?" + query, null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .getValuesAs(JsonObject.class),
                enough);
    }
}
