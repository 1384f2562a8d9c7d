package dev.rockstar.tenancy.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.RunsOnce;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TwoTenantsTest;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** requestsPerSecond and maxDocuments, enforced per tenant without touching other tenants. */
@Tag(RunsOnce.TAG)
class TenantLimitsIT extends TwoTenantsTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Override
    protected String prefix() {
        return "limit";
    }

    @Test
    void aTenantOverItsRateIsRefusedWhileAnotherIsServed() {
        client.admin(
                        "PATCH",
                        "/tenants/" + TenancyClient.idOf(a),
                        "{\"config\":{\"limits\":{\"requestsPerSecond\":1}}}")
                .assertJson(200);
        // One request a second: the second of two requests in a row is refused unless the first
        // took a whole second. No timing is asserted; a slow machine only needs more attempts.
        TenancyClient.Reply limited = null;
        List<Integer> ofB = new ArrayList<>();
        for (int i = 0; i < 50 && limited == null; i++) {
            TenancyClient.Reply reply = client.get(a, "/api/tenant/info");
            ofB.add(client.get(b, "/api/tenant/info").status());
            if (reply.status() != 200) {
                limited = reply;
            }
        }
        assertTrue(limited != null, "A was never limited");
        limited.assertProblem(429, "RATE_LIMITED");
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        for (int i = 0; i < 10; i++) {
            ofB.add(client.get(b, "/api/tenant/info").status());
        }
        assertTrue(ofB.stream().allMatch(status -> status == 200), "B only gets 200s: " + ofB);
    }

    @Test
    void aChangedRateAppliesOnTheNextRequest() {
        client.admin(
                        "PATCH",
                        "/tenants/" + TenancyClient.idOf(a),
                        "{\"config\":{\"limits\":{\"requestsPerSecond\":0}}}")
                .assertJson(200);
        client.get(a, "/api/tenant/info").assertProblem(429, "RATE_LIMITED");
        client.admin(
                        "PATCH",
                        "/tenants/" + TenancyClient.idOf(a),
                        "{\"config\":{\"limits\":{\"requestsPerSecond\":null}}}")
                .assertJson(200);
        for (int i = 0; i < 20; i++) {
            client.get(a, "/api/tenant/info").assertStatus(200);
        }
    }

    @Test
    void theDocumentOverMaxDocumentsIsRefusedAndNotStored() {
        client.admin("PATCH", "/tenants/" + TenancyClient.idOf(a), "{\"config\":{\"limits\":{\"maxDocuments\":2}}}")
                .assertJson(200);
        create(a, "one").assertStatus(201);
        create(a, "two").assertStatus(201);
        create(a, "three").assertProblem(403, "QUOTA_EXCEEDED");
        assertEquals(2, client.get(a, "/api/documents").assertJson(200).getInt("total"));
        for (int i = 0; i < 4; i++) {
            create(b, "b" + i).assertStatus(201); // B has no such limit
        }

        client.admin("PATCH", "/tenants/" + TenancyClient.idOf(a), "{\"config\":{\"limits\":{\"maxDocuments\":3}}}")
                .assertJson(200);
        create(a, "three").assertStatus(201);
        create(a, "four").assertProblem(403, "QUOTA_EXCEEDED");
        assertEquals(3, client.get(a, "/api/documents").assertJson(200).getInt("total"));
    }

    @Test
    void theCommentOverMaxCommentsIsRefusedAndNotStored() {
        client.admin("PATCH", "/tenants/" + TenancyClient.idOf(a), "{\"config\":{\"limits\":{\"maxComments\":2}}}")
                .assertJson(200);
        String first = create(a, "commented 1").assertJson(201).getString("id");
        String second = create(a, "commented 2").assertJson(201).getString("id");
        comment(a, first).assertStatus(201);
        comment(a, second).assertStatus(201); // the limit counts the tenant's comments on all documents
        comment(a, first).assertProblem(403, "QUOTA_EXCEEDED");
        comment(a, second).assertProblem(403, "QUOTA_EXCEEDED");
        assertEquals(
                1,
                client.get(a, "/api/documents/" + first + "/comments")
                        .assertJson(200)
                        .getInt("total"));
        String ofB = create(b, "commented by B").assertJson(201).getString("id");
        for (int i = 0; i < 4; i++) {
            comment(b, ofB).assertStatus(201); // B has no such limit
        }
    }

    private TenancyClient.Reply comment(String host, String documentId) {
        return client.postJson(host, "/api/documents/" + documentId + "/comments", "{\"text\":\"a comment\"}");
    }

    private TenancyClient.Reply create(String host, String title) {
        return client.postJson(host, "/api/documents", "{\"title\":\"" + title + "\",\"content\":\"\"}");
    }
}
