package dev.rockstar.tenancy.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient.Reply;
import dev.rockstar.tenancy.testing.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A tenant is deleted while its clients insert documents and an operator creates its users. The
 * deletion always succeeds; every write answers 201 or a problem document (409 {@code CONFLICT}
 * when it lost to the deletion, 404 once the tenant is gone), never a 500; and nothing of the
 * writes survives the tenant: a tenant registered again under the same id and host has no
 * documents and no users. Before, PostgreSQL failed the deletion on a foreign key (500) when a
 * document was inserted during it, and H2 committed both, leaving rows without a tenant that the
 * tenant registered again then owned.
 */
@Tag(DependsOnDatabase.TAG)
class DeletionWhileWritingIT extends DeployedWarTest {

    private static final int ROUNDS = 12;
    private static final int WRITERS = 4;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void aTenantDeletedWhileItsRowsAreWrittenGoesWholeAndEveryWriteIsAnswered() throws Exception {
        Map<String, Integer> answers = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String id = "deleting-" + round + "-" + Long.toHexString(System.nanoTime());
                String host = id + ".test";
                register(id, host);
                Queue<Reply> replies = new ConcurrentLinkedQueue<>();
                AtomicBoolean stop = new AtomicBoolean();
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> {
                        for (int i = 0; !stop.get(); i++) {
                            replies.add(client.postJson(
                                    host,
                                    "/api/documents",
                                    "{\"title\":\"w" + writer + "-" + i + "\",\"content\":\"c\"}"));
                        }
                    }));
                }
                writers.add(pool.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        replies.add(client.admin(
                                "POST",
                                "/tenants/" + id + "/users",
                                "{\"username\":\"u" + i + "\",\"password\":\"password-" + i + "\",\"roles\":[]}"));
                    }
                }));
                awaitCreated(replies, 2 * WRITERS);

                client.admin("DELETE", "/tenants/" + id, null).assertStatus(204);
                Thread.sleep(200); // writes that lose to the deletion, then some that find no tenant
                stop.set(true);
                for (Future<?> writer : writers) {
                    writer.get(60, TimeUnit.SECONDS);
                }
                for (Reply reply : replies) {
                    assertTrue(
                            reply.status() == 201 || reply.status() == 409 || reply.status() == 404,
                            () -> "201, or a conflict with the deletion, or no tenant: " + reply.status() + " "
                                    + reply.body());
                    String code = reply.status() == 201 ? "" : reply.json().getString("code");
                    if (reply.status() != 201) {
                        // a document: TENANT_NOT_FOUND once the host is gone; a user: the admin API's NOT_FOUND
                        reply.assertProblem(
                                reply.status(),
                                reply.status() == 409
                                        ? "CONFLICT"
                                        : code.equals("TENANT_NOT_FOUND") ? "TENANT_NOT_FOUND" : "NOT_FOUND");
                    }
                    answers.merge((reply.status() + " " + code).strip(), 1, Integer::sum);
                }

                register(id, host);
                assertEquals(
                        0,
                        client.get(host, "/api/documents").assertJson(200).getInt("total"),
                        () -> "round " + id + ": documents written during the deletion outlived their tenant");
                assertEquals(
                        0,
                        client.admin("GET", "/tenants/" + id + "/users", null)
                                .assertJson(200)
                                .getJsonArray("items")
                                .size(),
                        () -> "round " + id + ": users created during the deletion outlived their tenant");
                client.admin("DELETE", "/tenants/" + id, null).assertStatus(204);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println(
                "DeletionWhileWritingIT " + Deployments.server() + ": " + ROUNDS + " deletions, answers " + answers);
    }

    private void register(String id, String host) {
        client.admin("POST", "/tenants", "{\"id\":\"" + id + "\",\"hosts\":[\"" + host + "\"]}")
                .assertStatus(201);
    }

    /** Polled often: the deletion is meant to meet the writers at work, not after many more writes. */
    private static void awaitCreated(Queue<Reply> replies, int count) {
        Wait.every(Duration.ofMillis(20))
                .until(
                        "the writers to get going (" + count + " documents created)",
                        Duration.ofSeconds(60),
                        () -> replies,
                        all -> all.stream().filter(r -> r.status() == 201).count() >= count);
    }
}
