package dev.rockstar.tenancy.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TwoTenantsTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Fair share inside a tenant (no client takes more than its share of the tenant's rate), behind
 * a trusted proxy as the production
 * checklist runs it: the test client is the proxy, and {@code X-Forwarded-For} names the clients.
 * No timing is asserted: a client's bucket and the tenant's both start full, so what one client
 * can take before its first refusal, and what is left for the next, follow from the rates alone.
 */
class ClientShareIT extends TwoTenantsTest {

    private static final String CLIENT_A = "203.0.113.10";
    private static final String CLIENT_B = "203.0.113.20";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of(
                "tenancy.forwarded-host.trusted",
                "true",
                "tenancy.forwarded-host.trusted-proxies",
                "127.0.0.0/8, ::1"));
    }

    @Override
    protected String prefix() {
        return "share";
    }

    @Test
    void oneClientAtTheTenantsRateLeavesTheRestToTheOthers() {
        limits(a, "{\"requestsPerSecond\":20}");
        int ofA = admittedUntilRefused(a, CLIENT_A);
        assertTrue(ofA >= 10, "A's share of 20 is 10 at once: " + ofA);
        List<Integer> ofB = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ofB.add(from(a, CLIENT_B).status());
        }
        assertTrue(ofB.stream().allMatch(status -> status == 200), "B is served while A is refused: " + ofB);
    }

    @Test
    void aClientOverItsShareIsToldWhenToComeBack() {
        limits(a, "{\"requestsPerSecond\":20}");
        admittedUntilRefused(a, CLIENT_A);
        TenancyClient.Reply refused = from(a, CLIENT_A);
        if (refused.status() == 200) { // a token came back meanwhile: the next one is refused again
            refused = from(a, CLIENT_A);
        }
        refused.assertProblem(429, "RATE_LIMITED");
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
    }

    @Test
    void aTenantCanTurnItsShareOffForClientsBehindOneAddress() {
        limits(a, "{\"requestsPerSecond\":20,\"clientSharePercent\":100}");
        int ofA = admittedUntilRefused(a, CLIENT_A);
        assertTrue(ofA >= 20, "one address may take the whole rate again: " + ofA);
    }

    @Test
    void oneTenantsClientsNeverSpendAnotherTenantsShares() {
        limits(a, "{\"requestsPerSecond\":20}");
        limits(b, "{\"requestsPerSecond\":20}");
        admittedUntilRefused(a, CLIENT_A);
        for (int i = 0; i < 8; i++) {
            from(b, CLIENT_A).assertStatus(200); // the same client, at the other tenant
        }
    }

    @Test
    void aBadShareIsRefusedAndNothingChanges() {
        limits(a, "{\"requestsPerSecond\":20,\"clientSharePercent\":30}");
        for (String bad : List.of("0", "101", "0.5", "\"50%\"", "-1")) {
            client.admin(
                            "PATCH",
                            "/tenants/" + TenancyClient.idOf(a),
                            "{\"config\":{\"limits\":{\"clientSharePercent\":" + bad + "}}}")
                    .assertProblem(400, "VALIDATION_FAILED");
        }
        assertEquals(
                30,
                client.admin("GET", "/tenants/" + TenancyClient.idOf(a), null)
                        .assertJson(200)
                        .getJsonObject("config")
                        .getJsonObject("limits")
                        .getInt("clientSharePercent"));
    }

    private void limits(String host, String limits) {
        client.admin("PATCH", "/tenants/" + TenancyClient.idOf(host), "{\"config\":{\"limits\":" + limits + "}}")
                .assertJson(200);
    }

    private TenancyClient.Reply from(String host, String clientAddress) {
        return client.get(host, "/api/tenant/info", "X-Forwarded-For", clientAddress);
    }

    /** How many of the client's requests in a row were served before the first 429. */
    private int admittedUntilRefused(String host, String clientAddress) {
        for (int i = 0; i < 500; i++) {
            TenancyClient.Reply reply = from(host, clientAddress);
            if (reply.status() != 200) {
                reply.assertProblem(429, "RATE_LIMITED");
                return i;
            }
        }
        throw new AssertionError(clientAddress + " was never refused");
    }
}
