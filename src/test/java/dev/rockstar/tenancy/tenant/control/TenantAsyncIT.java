package dev.rockstar.tenancy.tenant.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.AsyncProbe;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TwoTenantsTest;
import dev.rockstar.tenancy.testing.Wait;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The request's tenant in the work it starts (a managed executor's task, an {@code @Asynchronous}
 * method, a scheduled task, {@code CompletableFuture} stages, a task bound by
 * {@code TenantRunner}), never in anyone else's, and per-tenant jobs.
 */
class TenantAsyncIT extends TwoTenantsTest {

    private static final List<String> WAYS = List.of("executor", "asynchronous", "scheduled", "stages", "wrapped");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of("tenancy.jobs.document-count.every", "PT1S"))
                .addClasses(
                        AsyncProbe.class,
                        AsyncProbe.Work.class,
                        AsyncProbe.Starts.class,
                        AsyncProbe.Scoped.class,
                        AsyncProbe.Unscoped.class,
                        AsyncProbe.Jobs.class);
    }

    @Override
    protected String prefix() {
        return "async";
    }

    @Test
    void workStartedForTenantAReadsAsDataAndBsWorkReadsBs() {
        document(a, "a's");
        document(b, "b's");
        for (String way : WAYS) {
            assertSees(
                    a, List.of("a's"), client.get(a, "/api/test/async/" + way).assertJson(200), way);
            assertSees(
                    b, List.of("b's"), client.get(b, "/api/test/async/" + way).assertJson(200), way);
        }
    }

    @Test
    void workStartedWithNoTenantCannotReadTenantData() {
        document(a, "a's");
        for (String way : WAYS) {
            JsonObject seen = client.get(a, "/api/test/async-untenanted/" + way).assertJson(200);
            assertEquals("none", seen.getString("tenant"), way + ": " + seen);
            assertEquals("NoTenantException", seen.getString("error", "read " + seen.get("titles")), way);
        }
    }

    @Test
    void theServersDefaultExecutorNeverRunsATaskAsAnotherTenant() {
        document(a, "a's");
        JsonObject seen = client.get(a, "/api/test/async/servers-default").assertJson(200);
        // Propagating there is the server's choice (docs/API.md); leaking never is.
        System.out.println("The server's default ManagedExecutorService on " + Deployments.server() + ": " + seen);
        if (seen.containsKey("titles")) {
            assertSees(a, List.of("a's"), seen, "servers-default");
        } else {
            assertTrue(seen.getString("tenant").startsWith("none"), seen::toString);
        }
    }

    @Test
    void aPooledThreadThatRanAsTaskNeverShowsAToTheNextTask() {
        document(a, "a's");
        document(b, "b's");
        Map<String, List<String>> tenantsByThread = new HashMap<>();
        for (int round = 0; round < 30; round++) {
            for (String host : List.of(a, b, "untenanted")) {
                JsonObject seen = host.equals("untenanted")
                        ? client.get(a, "/api/test/async-untenanted/executor").assertJson(200)
                        : client.get(host, "/api/test/async/executor").assertJson(200);
                String expected = host.equals("untenanted") ? "none" : TenancyClient.idOf(host);
                assertEquals(expected, seen.getString("tenant"), () -> "round of " + host + ": " + seen);
                if (host.equals(b)) {
                    assertEquals(List.of("b's"), titles(seen));
                }
                tenantsByThread
                        .computeIfAbsent(seen.getString("thread"), t -> new ArrayList<>())
                        .add(expected);
            }
        }
        // Only meaningful if some thread did run A's task and then another's.
        String idOfA = TenancyClient.idOf(a);
        assertTrue(
                tenantsByThread.values().stream().anyMatch(ran -> {
                    int first = ran.indexOf(idOfA);
                    return first >= 0 && ran.subList(first, ran.size()).stream().anyMatch(t -> !t.equals(idOfA));
                }),
                () -> "no pooled thread was reused: " + tenantsByThread);
    }

    @Test
    void aThousandInterleavedTasksOfTenTenantsNeverSeeAnotherTenantsRows() throws Exception {
        List<JsonObject> misses = new ArrayList<>();
        int own = interleaved("executor", misses);
        // Never another tenant's rows (interleaved() asserts it of every task). Payara Micro
        // 6.2025.10 now and then submits a task without calling the Tenant context provider
        // when many threads submit at once (docs/API.md): that task has no tenant and fails
        // closed. Elsewhere every task must have its tenant.
        // How many varies with the load (1 to 12 of 1,000 seen on this 2-core machine); each is checked
        // above to have failed closed.
        int tolerated = Deployments.isPayara() ? 25 : 0;
        assertTrue(1000 - own <= tolerated, () -> (1000 - own) + " tasks ran without their tenant: " + misses);
    }

    @Test
    void aThousandInterleavedTasksBoundByTheRunnerAllSeeTheirOwnTenant() throws Exception {
        List<JsonObject> misses = new ArrayList<>();
        assertEquals(1000, interleaved("wrapped", misses), misses::toString);
    }

    /**
     * Ten tenants, each with one document, each submitting 100 tasks at once.
     *
     * @return how many tasks saw their own tenant and its row; the others, which must have failed
     *         closed, go to {@code misses}
     */
    private int interleaved(String how, List<JsonObject> misses) throws Exception {
        List<String> hosts = IntStream.range(0, 10)
                .mapToObj(i -> client.newTenant("async-" + i))
                .toList();
        hosts.forEach(host -> document(host, "title of " + TenancyClient.idOf(host)));
        ExecutorService requests = Executors.newFixedThreadPool(hosts.size());
        try {
            List<Future<JsonObject>> bursts = new ArrayList<>();
            for (String host : hosts) {
                bursts.add(requests.submit(() -> client.get(host, "/api/test/async/burst/" + how + "/100")
                        .assertJson(200)));
            }
            int own = 0;
            int tasks = 0;
            for (int i = 0; i < hosts.size(); i++) {
                String id = TenancyClient.idOf(hosts.get(i));
                for (JsonValue value : bursts.get(i).get().getJsonArray("tasks")) {
                    JsonObject task = value.asJsonObject();
                    tasks++;
                    if (task.getString("tenant").equals(id)) {
                        assertEquals(List.of("title of " + id), titles(task), task::toString);
                        own++;
                    } else {
                        assertTrue(task.getString("tenant").startsWith("none"), () -> "ran as another tenant: " + task);
                        assertFalse(task.containsKey("titles"), () -> "read rows without a tenant: " + task);
                        misses.add(task);
                    }
                }
            }
            assertEquals(1000, tasks);
            return own;
        } finally {
            requests.shutdownNow();
        }
    }

    @Test
    void aPerTenantJobRunsOnceForEachActiveTenantSkipsSuspendedOnesAndSurvivesAFailingOne() {
        String failing = client.newTenant("async-job-0");
        String c = client.newTenant("async-job-c");
        String suspended = client.newTenant("async-job-s");
        document(a, "a1");
        document(a, "a2");
        document(c, "c1");
        client.admin("PATCH", "/tenants/" + TenancyClient.idOf(suspended), "{\"status\":\"SUSPENDED\"}")
                .assertJson(200);

        JsonObject report = client.send(
                        "POST", "localhost", "/api/test/jobs/each?fail=" + TenancyClient.idOf(failing), null, null)
                .assertJson(200);

        JsonObject runs = report.getJsonObject("runs");
        for (String host : List.of(failing, a, b, c)) {
            assertEquals(1, runs.getInt(TenancyClient.idOf(host)), () -> host + " in " + report);
        }
        assertFalse(runs.containsKey(TenancyClient.idOf(suspended)), report::toString);
        assertTrue(strings(report.getJsonArray("skipped")).contains(TenancyClient.idOf(suspended)));
        assertEquals("fails on purpose", report.getJsonObject("failed").getString(TenancyClient.idOf(failing)));
        List<String> succeeded = strings(report.getJsonArray("succeeded"));
        assertTrue(
                succeeded.containsAll(List.of(TenancyClient.idOf(a), TenancyClient.idOf(b), TenancyClient.idOf(c))),
                report::toString);
        assertFalse(succeeded.contains(TenancyClient.idOf(failing)));
        JsonObject counts = report.getJsonObject("counts");
        assertEquals(2, counts.getInt(TenancyClient.idOf(a)));
        assertEquals(0, counts.getInt(TenancyClient.idOf(b)));
        assertEquals(1, counts.getInt(TenancyClient.idOf(c)));
        // The failing tenant's work was rolled back, not half applied.
        assertEquals(0, client.get(failing, "/api/documents").assertJson(200).getInt("total"));
    }

    @Test
    void theSampleJobCountsEveryActiveTenantsDocumentsOnItsSchedule() {
        // A run that started before B's suspension may still list B and count A's second document
        // (it lists the tenants first, then counts one after the other, slowly on a busy machine);
        // every run that starts later counts A's two documents and skips B.
        client.admin("PATCH", "/tenants/" + TenancyClient.idOf(b), "{\"status\":\"SUSPENDED\"}")
                .assertJson(200);
        document(a, "a1");
        document(a, "a2");
        String idOfA = TenancyClient.idOf(a);
        String idOfB = TenancyClient.idOf(b);
        Wait.until(
                "a run of the job (every second) that counts A's two documents and skips B",
                () -> client.get("localhost", "/api/test/jobs/document-count").assertJson(200),
                counts -> counts.getInt(idOfA, -1) == 2 && !counts.containsKey(idOfB));
    }

    private void document(String host, String title) {
        client.postJson(host, "/api/documents", "{\"title\":\"" + title + "\",\"content\":\"x\"}")
                .assertJson(201);
    }

    private static void assertSees(String host, List<String> titles, JsonObject seen, String way) {
        assertEquals(TenancyClient.idOf(host), seen.getString("tenant"), () -> way + ": " + seen);
        assertEquals(titles, titles(seen), () -> way + ": " + seen);
    }

    private static List<String> titles(JsonObject seen) {
        return seen.containsKey("titles")
                ? strings(seen.getJsonArray("titles"))
                : List.of("(threw " + seen.getString("error") + ")");
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }
}
