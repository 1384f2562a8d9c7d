package dev.rockstar.tenancy.documents.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.DocumentCountProbe;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TwoTenantsTest;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The document counts the console's dashboard reads instead of counting every document: kept in
 * the transaction of each creation and deletion, per tenant, and equal to the truth (the tenant's
 * footprint, which counts its rows) after writes, deletes, concurrent writers and offboarding.
 */
@Tag(DependsOnDatabase.TAG)
class DocumentCountsIT extends TwoTenantsTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addClass(DocumentCountProbe.class);
    }

    @Override
    protected String prefix() {
        return "counts";
    }

    @Test
    void createsAndDeletesMoveTheirOwnTenantsCountOnly() {
        List<String> ofA = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ofA.add(create(a, "a" + i));
        }
        assertCounts(5, 0);
        create(b, "b0");
        client.postJson(a, "/api/documents/" + ofA.get(0) + "/comments", "{\"text\":\"a comment\"}")
                .assertJson(201);
        assertCounts(5, 1);

        client.send("DELETE", a, "/api/documents/" + ofA.get(0), null, null).assertStatus(204);
        client.send("DELETE", a, "/api/documents/" + ofA.get(1), null, null).assertStatus(204);
        assertCounts(3, 1);

        // refused writes count nothing: a duplicate title, another tenant's id
        client.postJson(a, "/api/documents", "{\"title\":\"a2\"}").assertProblem(409, "CONFLICT");
        client.send("DELETE", b, "/api/documents/" + ofA.get(2), null, null).assertProblem(404, "NOT_FOUND");
        assertCounts(3, 1);
    }

    @Test
    void concurrentWritersOfOneTenantLoseNoCount() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                sent.add(threads.submit(() -> {
                    TenancyClient own = new TenancyClient(client.port());
                    for (int i = 0; i < 10; i++) {
                        String id = own.postJson(a, "/api/documents", "{\"title\":\"t" + thread + "-" + i + "\"}")
                                .assertJson(201)
                                .getString("id");
                        if (i % 3 == 0) {
                            own.send("DELETE", a, "/api/documents/" + id, null, null)
                                    .assertStatus(204);
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
        assertCounts(6 * 6, 0);
    }

    @Test
    void anOffboardedTenantsCountGoesWithIt() {
        create(b, "b0");
        assertCounts(0, 1);
        client.admin("DELETE", "/tenants/" + TenancyClient.idOf(b), null).assertStatus(204);
        assertEquals(false, kept().containsKey(TenancyClient.idOf(b)), kept()::toString);
    }

    private String create(String host, String title) {
        return client.postJson(host, "/api/documents", "{\"title\":\"" + title + "\"}")
                .assertJson(201)
                .getString("id");
    }

    /** The kept counts of a and b equal the truth, and the numbers expected. */
    private void assertCounts(long ofA, long ofB) {
        assertEquals(ofA, truth(a));
        assertEquals(ofB, truth(b));
        JsonObject kept = kept();
        assertEquals(
                ofA,
                kept.containsKey(TenancyClient.idOf(a))
                        ? kept.getJsonNumber(TenancyClient.idOf(a)).longValue()
                        : 0,
                kept::toString);
        assertEquals(
                ofB,
                kept.containsKey(TenancyClient.idOf(b))
                        ? kept.getJsonNumber(TenancyClient.idOf(b)).longValue()
                        : 0,
                kept::toString);
    }

    private JsonObject kept() {
        return client.send(
                        "GET",
                        "localhost",
                        "/api/test/document-counts?ids=" + TenancyClient.idOf(a) + "," + TenancyClient.idOf(b),
                        null,
                        null)
                .assertJson(200);
    }

    private long truth(String host) {
        return client.admin("GET", "/tenants/" + TenancyClient.idOf(host) + "/footprint", null)
                .assertJson(200)
                .getJsonObject("rows")
                .getJsonNumber("Document")
                .longValue();
    }
}
