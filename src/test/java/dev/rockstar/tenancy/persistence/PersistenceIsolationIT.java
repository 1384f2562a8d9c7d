package dev.rockstar.tenancy.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.PersistenceProbe;
import dev.rockstar.tenancy.testing.TwoTenantsTest;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What application code can do with the injected {@code EntityManager}: bulk JPQL, aggregates,
 * joins and fetches stay within the tenant; without a tenant nothing runs; native SQL is off.
 */
@Tag(DependsOnDatabase.TAG)
class PersistenceIsolationIT extends TwoTenantsTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war()
                .addClasses(PersistenceProbe.class, PersistenceProbe.Scoped.class, PersistenceProbe.Unscoped.class);
    }

    @Override
    protected String prefix() {
        return "jpa";
    }

    @BeforeEach
    void documentsAndComments() {
        seed(a, "a", 3);
        seed(b, "b", 2);
    }

    @Test
    void bulkUpdateChangesOnlyTheTenantsRows() {
        assertEquals(
                3,
                client.send("POST", a, "/api/test/persistence/bulk-update/rewritten", null, null)
                        .assertJson(200)
                        .getInt("rows"));
        client.get(a, "/api/documents")
                .assertJson(200)
                .getJsonArray("items")
                .forEach(d -> assertEquals("rewritten", d.asJsonObject().getString("content")));
        client.get(b, "/api/documents")
                .assertJson(200)
                .getJsonArray("items")
                .forEach(d -> assertEquals("content of b", d.asJsonObject().getString("content")));
    }

    @Test
    void bulkDeleteRemovesOnlyTheTenantsRows() {
        JsonObject deleted = client.send("POST", b, "/api/test/persistence/bulk-delete", null, null)
                .assertJson(200);
        assertEquals(2, deleted.getInt("documents"));
        assertEquals(2, deleted.getInt("comments"));
        assertEquals(0, client.get(b, "/api/documents").assertJson(200).getInt("total"));
        assertEquals(3, client.get(a, "/api/documents").assertJson(200).getInt("total"));
        JsonObject aggregatesOfA =
                client.get(a, "/api/test/persistence/aggregates").assertJson(200);
        assertEquals(3, aggregatesOfA.getInt("joinedComments"));
    }

    @Test
    void aggregatesCountOnlyTheTenantsRows() {
        JsonObject ofA = client.get(a, "/api/test/persistence/aggregates").assertJson(200);
        assertEquals(3, ofA.getInt("count"));
        assertEquals(3, ofA.getInt("distinctTitles"));
        assertEquals("a title 0", ofA.getString("minTitle"));
        assertEquals("a title 2", ofA.getString("maxTitle"));
        assertEquals(3 * "content of a".length(), ofA.getInt("contentLength"));
        assertEquals(3, ofA.getInt("joinedComments"));
        JsonObject ofB = client.get(b, "/api/test/persistence/aggregates").assertJson(200);
        assertEquals(2, ofB.getInt("count"));
        assertEquals("b title 1", ofB.getString("maxTitle"));
        assertEquals(2, ofB.getInt("joinedComments"));
    }

    @Test
    void joinsAndFetchesNeverPullAnotherTenantsChildren() {
        JsonObject ofA = client.get(a, "/api/test/persistence/joins").assertJson(200);
        assertEquals(3, ofA.getJsonArray("documents").size());
        ofA.getJsonArray("documents").forEach(d -> {
            assertEquals(1, d.asJsonObject().getJsonArray("comments").size());
            assertTrue(d.asJsonObject().getJsonArray("comments").getString(0).startsWith("comment of a"));
        });
        assertEquals(3, ofA.getJsonArray("comments").size());
        ofA.getJsonArray("comments")
                .forEach(c -> assertTrue(
                        c.toString().contains("comment of a") && c.toString().contains(" on a title"), c.toString()));
        assertFalse(ofA.toString().contains("of b"), ofA.toString());
    }

    @Test
    void findByAnotherTenantsIdFindsNothingAfterItWasLoaded() {
        String idOfB = client.get(b, "/api/documents")
                .assertJson(200)
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("id");
        assertTrue(client.get(b, "/api/test/persistence/find/" + idOfB)
                .assertJson(200)
                .getBoolean("found"));
        assertFalse(client.get(a, "/api/test/persistence/find/" + idOfB)
                .assertJson(200)
                .getBoolean("found"));
        assertTrue(client.get(b, "/api/test/persistence/find/" + idOfB)
                .assertJson(200)
                .getBoolean("found"));
    }

    @Test
    void withoutATenantTenantOwnedDataCannotBeTouched() {
        // Even on a tenant's host: the resource is not @TenantScoped, so no tenant is active.
        for (String host : new String[] {a, "localhost"}) {
            JsonObject problem =
                    client.get(host, "/api/test/untenanted/injected").assertProblem(500, "INTERNAL_ERROR");
            assertFalse(problem.toString().contains("title 0"), problem.toString());
            client.get(host, "/api/test/untenanted/container").assertProblem(500, "INTERNAL_ERROR");
        }
    }

    @Test
    void nativeSqlIsRefused() {
        client.get(a, "/api/test/persistence/native").assertProblem(500, "INTERNAL_ERROR");
    }

    private void seed(String host, String name, int documents) {
        for (int i = 0; i < documents; i++) {
            String id = client.postJson(
                            host,
                            "/api/documents",
                            "{\"title\":\"" + name + " title " + i + "\",\"content\":\"content of " + name + "\"}")
                    .assertJson(201)
                    .getString("id");
            client.postJson(
                            host,
                            "/api/documents/" + id + "/comments",
                            "{\"text\":\"comment of " + name + " " + i + "\"}")
                    .assertStatus(201);
        }
    }
}
