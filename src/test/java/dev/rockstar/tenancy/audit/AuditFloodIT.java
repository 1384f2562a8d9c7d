package dev.rockstar.tenancy.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.RunsOnce;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TwoTenantsTest;
import dev.rockstar.tenancy.testing.Wait;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The audit log cannot be flooded, nor forged with control characters. */
class AuditFloodIT extends TwoTenantsTest {

    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;,\\s]+)");
    private static final int MISMATCHES = 10_000;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.warForUnknownHostBursts();
    }

    @Override
    protected String prefix() {
        return "flood";
    }

    @Test
    void tenThousandIdenticalMismatchesAreAFewEntriesWithTheRightCount() throws Exception {
        String session = sessionOf(a, "mallory");
        AtomicInteger refused = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                sent.add(threads.submit(() -> {
                    TenancyClient own = new TenancyClient(client.port());
                    for (int i = 0; i < MISMATCHES / 8; i++) {
                        if (own.get(b, "/api/me", "Cookie", "JSESSIONID=" + session)
                                        .status()
                                == 403) {
                            refused.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            threads.shutdown();
        }
        assertEquals(MISMATCHES, refused.get());

        // written apart from the requests: wait, boundedly, for the counts to arrive
        List<JsonObject> entries = Wait.until(
                "the " + MISMATCHES + " mismatches counted in the audit log",
                Duration.ofSeconds(60),
                () -> mismatchesOf(b),
                e -> countOf(e) >= MISMATCHES);
        assertEquals(MISMATCHES, countOf(entries), entries::toString);
        // one per coalescing window (60 s): a run longer than a window may straddle two or three
        assertTrue(entries.size() <= 3, entries.size() + " entries: " + entries);
    }

    @Test
    void mismatchesCannotOutrunTheVictimsRateLimit() {
        String session = sessionOf(a, "mallory");
        client.admin(
                        "PATCH",
                        "/tenants/" + TenancyClient.idOf(b),
                        "{\"config\":{\"limits\":{\"requestsPerSecond\":5}}}")
                .assertJson(200);
        int limited = 0;
        for (int i = 0; i < 50; i++) {
            if (client.get(b, "/api/me", "Cookie", "JSESSIONID=" + session).status() == 429) {
                limited++;
            }
        }
        assertTrue(limited >= 30, limited + " of 50 rate limited");
    }

    @Test
    @Tag(RunsOnce.TAG) // waits for the window that saw the burst to close
    void fiftyMadeUpHostsInAMinuteAreAtMostOneEntryNamingTheTopHostsAndTheTotal() throws InterruptedException {
        String prefix = "made-up-" + Long.toHexString(System.nanoTime());
        for (int h = 0; h < 50; h++) {
            for (int i = 0; i < (h == 7 ? 30 : 20); i++) {
                client.get(prefix + "-" + h + ".test", "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");
            }
        }
        Wait.until(
                "an UNKNOWN_HOST_BURST entry, written as the window that saw the bursts closes",
                Duration.ofSeconds(90),
                () -> bursts(prefix),
                e -> !e.isEmpty());
        Thread.sleep(2_000); // had there been one entry per host, the others would be here by now
        List<JsonObject> entries = bursts(prefix);
        assertEquals(1, entries.size(), entries::toString);
        String detail = entries.get(0).getString("detail");
        Matcher total = Pattern.compile("^(\\d+) requests within 20 seconds for (\\d+) unknown hosts; most asked for: '"
                        + Pattern.quote(prefix) + "-7.test' 30, ")
                .matcher(detail);
        assertTrue(total.find(), detail);
        assertTrue(Long.parseLong(total.group(1)) >= 1010 && Long.parseLong(total.group(2)) >= 50, detail);
        assertEquals(10, detail.split(Pattern.quote(prefix), -1).length - 1, "the ten most asked for: " + detail);
        assertEquals("system", entries.get(0).getString("actor"));
    }

    @Test
    void controlCharactersNeverReachTheLog() {
        client.postJson(
                        a,
                        "/api/login",
                        "{\"username\":\"eve\\r\\nFORGED 200 OK\\u0000\\u001b[31m\",\"password\":\"x\"}")
                .assertProblem(401, "UNAUTHORIZED");
        List<JsonObject> failed = Wait.until(
                "the failed login in the audit log",
                () -> client.admin("GET", "/audit?tenant=" + TenancyClient.idOf(a) + "&event=LOGIN_FAILED", null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .getValuesAs(JsonObject.class),
                e -> !e.isEmpty());
        assertEquals(1, failed.size(), failed::toString);
        assertEquals("eveFORGED 200 OK[31m", failed.get(0).getString("actor"));
        assertTrue(failed.get(0).getString("detail").chars().noneMatch(Character::isISOControl), failed::toString);
    }

    private List<JsonObject> mismatchesOf(String host) {
        return client.admin(
                        "GET", "/audit?tenant=" + TenancyClient.idOf(host) + "&event=TENANT_MISMATCH&limit=1000", null)
                .assertJson(200)
                .getJsonArray("items")
                .getValuesAs(JsonObject.class);
    }

    private String sessionOf(String host, String username) {
        client.admin(
                        "POST",
                        "/tenants/" + TenancyClient.idOf(host) + "/users",
                        "{\"username\":\"" + username + "\",\"password\":\"password-of-" + username
                                + "\",\"roles\":[]}")
                .assertStatus(201);
        String cookie = client.postJson(
                        host,
                        "/api/login",
                        "{\"username\":\"" + username + "\",\"password\":\"password-of-" + username + "\"}")
                .assertStatus(200)
                .header("Set-Cookie");
        Matcher m = SESSION.matcher(cookie);
        assertTrue(m.find(), cookie);
        return m.group(1);
    }

    private List<JsonObject> bursts(String prefix) {
        return client
                .admin("GET", "/audit?event=UNKNOWN_HOST_BURST&limit=1000", null)
                .assertJson(200)
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(e -> e.getString("detail").contains(prefix))
                .toList();
    }

    private static long countOf(List<JsonObject> mismatches) {
        return mismatches.stream().mapToLong(e -> e.getInt("count")).sum();
    }
}
