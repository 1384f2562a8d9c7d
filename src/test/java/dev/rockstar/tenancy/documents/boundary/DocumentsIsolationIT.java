package dev.rockstar.tenancy.documents.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TwoTenantsTest;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The documents API with two tenants at a time: A sees its data, B does not see, change or
 * infer it. Runs on the H2 default and on PostgreSQL.
 */
@Tag(DependsOnDatabase.TAG)
class DocumentsIsolationIT extends TwoTenantsTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Override
    protected String prefix() {
        return "docs";
    }

    @Test
    void listCountAndPagingSeeOnlyTheTenantsRows() {
        for (int i = 0; i < 5; i++) {
            create(a, "A doc " + i, "of A");
        }
        for (int i = 0; i < 3; i++) {
            create(b, "B doc " + i, "of B");
        }
        JsonObject listA = client.get(a, "/api/documents").assertJson(200);
        assertEquals(5, listA.getInt("total"));
        assertEquals(5, listA.getJsonArray("items").size());
        listA.getJsonArray("items")
                .forEach(item -> assertEquals("of A", item.asJsonObject().getString("content")));
        assertEquals(3, client.get(b, "/api/documents").assertJson(200).getInt("total"));

        Set<String> paged = new HashSet<>();
        for (int offset = 0; offset < 5; offset += 2) {
            JsonObject page = client.get(a, "/api/documents?offset=" + offset + "&limit=2")
                    .assertJson(200);
            assertEquals(5, page.getInt("total"));
            page.getJsonArray("items")
                    .forEach(item -> paged.add(item.asJsonObject().getString("title")));
        }
        assertEquals(Set.of("A doc 0", "A doc 1", "A doc 2", "A doc 3", "A doc 4"), paged);
        assertEquals(
                0,
                client.get(a, "/api/documents?offset=5")
                        .assertJson(200)
                        .getJsonArray("items")
                        .size());
        client.get(a, "/api/documents?limit=0").assertProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void anotherTenantsIdIsNotFoundEvenRightAfterItWasLoaded() {
        String idOfB = create(b, "B secret", "only for B").getString("id");
        assertEquals(
                "only for B",
                client.get(b, "/api/documents/" + idOfB).assertJson(200).getString("content"));
        // B's row was just read (and would be cached if tenants shared a cache): A still cannot find it.
        JsonObject problem = client.get(a, "/api/documents/" + idOfB).assertProblem(404, "NOT_FOUND");
        assertFalse(problem.toString().contains("only for B"));
        assertEquals(
                "only for B",
                client.get(b, "/api/documents/" + idOfB).assertJson(200).getString("content"));
    }

    @Test
    void updateAndDeleteByAnotherTenantsIdChangeNothing() {
        JsonObject docOfB = create(b, "B original", "B content");
        String id = docOfB.getString("id");
        client.send("PUT", a, "/api/documents/" + id, "application/json", "{\"title\":\"hijacked\",\"content\":\"x\"}")
                .assertProblem(404, "NOT_FOUND");
        client.send("DELETE", a, "/api/documents/" + id, null, null).assertProblem(404, "NOT_FOUND");
        assertEquals(docOfB, client.get(b, "/api/documents/" + id).assertJson(200), "untouched");

        JsonObject updated = client.send(
                        "PUT",
                        b,
                        "/api/documents/" + id,
                        "application/json",
                        "{\"title\":\"B renamed\",\"content\":\"new\"}")
                .assertJson(200);
        assertEquals("B renamed", updated.getString("title"));
        client.send("DELETE", b, "/api/documents/" + id, null, null).assertStatus(204);
        client.get(b, "/api/documents/" + id).assertProblem(404, "NOT_FOUND");
    }

    @Test
    void commentsFollowTheirTenant() {
        String docOfA = create(a, "A with comments", "").getString("id");
        String docOfB = create(b, "B with comments", "").getString("id");
        client.postJson(a, "/api/documents/" + docOfA + "/comments", "{\"text\":\"A says hi\"}")
                .assertStatus(201);
        client.postJson(b, "/api/documents/" + docOfB + "/comments", "{\"text\":\"B says hi\"}")
                .assertStatus(201);

        client.postJson(b, "/api/documents/" + docOfA + "/comments", "{\"text\":\"B sneaks in\"}")
                .assertProblem(404, "NOT_FOUND");
        client.get(b, "/api/documents/" + docOfA + "/comments").assertProblem(404, "NOT_FOUND");

        JsonObject commentsOfA =
                client.get(a, "/api/documents/" + docOfA + "/comments").assertJson(200);
        assertEquals(1, commentsOfA.getInt("total"));
        String commentId = commentsOfA.getJsonArray("items").getJsonObject(0).getString("id");
        assertEquals(
                "A says hi", commentsOfA.getJsonArray("items").getJsonObject(0).getString("text"));
        client.send("DELETE", b, "/api/documents/" + docOfB + "/comments/" + commentId, null, null)
                .assertProblem(404, "NOT_FOUND");
        client.send("DELETE", a, "/api/documents/" + docOfA + "/comments/" + commentId, null, null)
                .assertStatus(204);
        assertEquals(
                0,
                client.get(a, "/api/documents/" + docOfA + "/comments")
                        .assertJson(200)
                        .getInt("total"));
        assertEquals(
                1,
                client.get(b, "/api/documents/" + docOfB + "/comments")
                        .assertJson(200)
                        .getInt("total"));
    }

    @Test
    void commentsArePagedOldestFirst() {
        String doc = create(a, "A with many comments", "").getString("id");
        for (int i = 0; i < 5; i++) {
            client.postJson(a, "/api/documents/" + doc + "/comments", "{\"text\":\"comment " + i + "\"}")
                    .assertStatus(201);
        }
        JsonObject page = client.get(a, "/api/documents/" + doc + "/comments?offset=1&limit=2")
                .assertJson(200);
        assertEquals(5, page.getInt("total"));
        assertEquals(
                List.of("comment 1", "comment 2"),
                page.getJsonArray("items").stream()
                        .map(c -> c.asJsonObject().getString("text"))
                        .toList());
        assertEquals(
                5,
                client.get(a, "/api/documents/" + doc + "/comments")
                        .assertJson(200)
                        .getJsonArray("items")
                        .size());
        client.get(a, "/api/documents/" + doc + "/comments?limit=501").assertProblem(400, "VALIDATION_FAILED");
        client.get(b, "/api/documents/" + doc + "/comments?offset=0&limit=2").assertProblem(404, "NOT_FOUND");
    }

    @Test
    void aTenantIdInTheBodyIsIgnored() {
        String idOfB = TenancyClient.idOf(b);
        JsonObject created = client.postJson(
                        a,
                        "/api/documents",
                        "{\"title\":\"Claims B\",\"content\":\"c\",\"tenant_id\":\"" + idOfB + "\",\"tenantId\":\""
                                + idOfB + "\"}")
                .assertJson(201);
        String id = created.getString("id");
        assertEquals(200, client.get(a, "/api/documents/" + id).status(), "it belongs to the host's tenant");
        client.get(b, "/api/documents/" + id).assertProblem(404, "NOT_FOUND");
        assertEquals(0, client.get(b, "/api/documents").assertJson(200).getInt("total"));
    }

    @Test
    void titlesAreUniquePerTenantNotGlobally() {
        create(a, "Quarterly plan", "A's");
        create(b, "Quarterly plan", "B's");
        client.postJson(a, "/api/documents", "{\"title\":\"Quarterly plan\",\"content\":\"again\"}")
                .assertProblem(409, "CONFLICT");
        String other = create(a, "Other", "").getString("id");
        client.send("PUT", a, "/api/documents/" + other, "application/json", "{\"title\":\"Quarterly plan\"}")
                .assertProblem(409, "CONFLICT");
        assertEquals(2, client.get(a, "/api/documents").assertJson(200).getInt("total"));
    }

    @Test
    void malformedDocumentsAreRefusedAndNotStored() {
        client.postJson(a, "/api/documents", "{\"content\":\"no title\"}").assertProblem(400, "VALIDATION_FAILED");
        client.postJson(a, "/api/documents", "{\"title\":\"  \"}").assertProblem(400, "VALIDATION_FAILED");
        client.postJson(a, "/api/documents", "{\"title\":5}").assertProblem(400, "VALIDATION_FAILED");
        client.postJson(a, "/api/documents", "{\"title\":\"" + "x".repeat(201) + "\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        client.postJson(a, "/api/documents", "not json").assertProblem(400, "VALIDATION_FAILED");
        assertEquals(0, client.get(a, "/api/documents").assertJson(200).getInt("total"));
    }

    @Test
    void idsTellNothingAboutOtherTenants() {
        String first = create(a, "one", "").getString("id");
        for (int i = 0; i < 5; i++) {
            create(b, "b" + i, "");
        }
        String second = create(a, "two", "").getString("id");
        assertTrue(first.matches("[0-9a-f-]{36}") && second.matches("[0-9a-f-]{36}"), first + " " + second);
        assertFalse(second.startsWith(first.substring(0, 8)), "random, not a counter shared with B");
    }

    @Test
    void offboardingRemovesEverythingOfOneTenantAndNothingOfAnother() {
        String docOfA = create(a, "A doc", "").getString("id");
        client.postJson(a, "/api/documents/" + docOfA + "/comments", "{\"text\":\"A comment\"}")
                .assertStatus(201);
        JsonObject docOfB = create(b, "B doc", "B stays");
        client.postJson(b, "/api/documents/" + docOfB.getString("id") + "/comments", "{\"text\":\"B comment\"}")
                .assertStatus(201);

        client.admin("DELETE", "/tenants/" + TenancyClient.idOf(a), null).assertStatus(204);
        client.get(a, "/api/documents").assertProblem(404, "TENANT_NOT_FOUND");
        assertEquals(
                docOfB,
                client.get(b, "/api/documents/" + docOfB.getString("id")).assertJson(200));
        assertEquals(
                1,
                client.get(b, "/api/documents/" + docOfB.getString("id") + "/comments")
                        .assertJson(200)
                        .getInt("total"));

        // The same id again starts empty: nothing of the old tenant comes back.
        String idOfA = TenancyClient.idOf(a);
        client.admin("POST", "/tenants", "{\"id\":\"" + idOfA + "\",\"hosts\":[\"" + a + "\"]}")
                .assertStatus(201);
        assertEquals(0, client.get(a, "/api/documents").assertJson(200).getInt("total"));
        client.get(a, "/api/documents/" + docOfA).assertProblem(404, "NOT_FOUND");
        create(a, "A doc", "reusing the title is fine");
    }

    @Test
    void concurrentRequestsOfDifferentTenantsNeverSeeEachOthersRows() throws Exception {
        int tenants = 4;
        List<String> hosts = new ArrayList<>();
        List<String> foreignIds = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            String host = t == 0 ? a : t == 1 ? b : client.newTenant("docs-c" + t);
            hosts.add(host);
            for (int d = 0; d < 3; d++) {
                foreignIds.add(create(host, "doc " + d, "owner " + host).getString("id"));
            }
        }
        int threads = 8;
        int requestsPerThread = 200;
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            String host = hosts.get(thread % tenants);
            String foreign = foreignIds.get(((thread % tenants + 1) % tenants) * 3); // the next tenant's first doc
            work.add(pool.submit(() -> {
                for (int i = 0; i < requestsPerThread && failures.size() < 10; i++) {
                    if (i % 4 == 3) {
                        int status =
                                client.get(host, "/api/documents/" + foreign).status();
                        if (status != 404) {
                            failures.add(host + " got " + status + " for a foreign id");
                        }
                        continue;
                    }
                    TenancyClient.Reply reply = client.get(host, "/api/documents");
                    if (reply.status() != 200) {
                        failures.add(host + " got " + reply.status() + ": " + reply.body());
                        continue;
                    }
                    JsonObject page = reply.json();
                    if (page.getInt("total") != 3) {
                        failures.add(host + " counted " + page.getInt("total"));
                    }
                    for (JsonValue item : page.getJsonArray("items")) {
                        if (!item.asJsonObject().getString("content").equals("owner " + host)) {
                            failures.add(host + " saw " + item);
                        }
                    }
                }
            }));
        }
        for (Future<?> future : work) {
            future.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertTrue(failures.isEmpty(), () -> "cross-tenant results: " + failures);
    }

    private JsonObject create(String host, String title, String content) {
        return client.postJson(host, "/api/documents", "{\"title\":\"" + title + "\",\"content\":\"" + content + "\"}")
                .assertJson(201);
    }
}
