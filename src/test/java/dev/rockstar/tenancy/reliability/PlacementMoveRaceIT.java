package dev.rockstar.tenancy.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.PlacementRows;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TenancyClient.Reply;
import dev.rockstar.tenancy.testing.Wait;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The moment a move has thawed its tenant, while it still cleans up the source placement (its rows
 * there go after a grace period): the tenant is writable again, but still the move's, so a second
 * move or a deletion answers 409 until the move is over, and neither costs a row after. And while
 * a suspended tenant moves, it stays out of reach.
 */
@Tag(DependsOnDatabase.TAG)
class PlacementMoveRaceIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void aMoveBackStartedWhileTheFirstCleansUpKeepsEveryRow() {
        String a = client.newTenant("back");
        String id = TenancyClient.idOf(a);
        String doc = client.newDocument(a, "Round trip", "there and back");
        client.newDocument(a, "Second", "also");
        String first = startMove(id, "eu");
        awaitState(first, "CLEANING"); // thawed: writable, in eu, its rows still in shared too

        client.admin("PUT", "/tenants/" + id + "/placement", "{\"placement\":\"shared\"}")
                .assertProblem(409, "CONFLICT");
        client.newDocument(a, "Written while it cleans up", "in eu"); // writable again
        assertEquals("DONE", client.awaitMoveEnd(first).getString("state"));
        String second = startMove(id, "shared");
        assertEquals("DONE", client.awaitMoveEnd(second).getString("state"));

        assertEquals("shared", tenant(id).getString("placement"));
        assertEquals(3, client.get(a, "/api/documents").assertJson(200).getInt("total"), "every document kept");
        assertEquals(
                "there and back",
                client.get(a, "/api/documents/" + doc).assertJson(200).getString("content"));
        assertEquals(Map.of("shared", 3L, "premium", 0L, "eu", 0L), rowsPerPlacement(id));
    }

    @Test
    void aTenantRegisteredAgainAfterItsMoveKeepsItsNewRows() {
        String a = client.newTenant("again");
        String id = TenancyClient.idOf(a);
        client.newDocument(a, "Old incarnation", "moved to premium, then deleted");
        String move = startMove(id, "premium");
        awaitState(move, "CLEANING");

        client.admin("DELETE", "/tenants/" + id, null).assertProblem(409, "CONFLICT");
        assertEquals("DONE", client.awaitMoveEnd(move).getString("state"));
        client.admin("DELETE", "/tenants/" + id, null).assertStatus(204);
        assertEquals(Map.of("shared", 0L, "premium", 0L, "eu", 0L), rowsPerPlacement(id), "nothing outlives it");
        client.admin("POST", "/tenants", "{\"id\":\"" + id + "\",\"hosts\":[\"" + a + "\"],\"placement\":\"shared\"}")
                .assertStatus(201);
        String kept = client.newDocument(a, "New incarnation", "written in shared after the re-registration");

        assertEquals(1, client.get(a, "/api/documents").assertJson(200).getInt("total"), "the new row kept");
        client.get(a, "/api/documents/" + kept).assertJson(200);
        assertEquals(Map.of("shared", 1L, "premium", 0L, "eu", 0L), rowsPerPlacement(id));
    }

    @Test
    void aSuspendedTenantStaysOutOfReachWhileItMoves() {
        String a = client.newTenant("held");
        String id = TenancyClient.idOf(a);
        client.newDocument(a, "Held back", "not for a suspended tenant's users");
        client.createUser(a, "alice", "alice-password-1", "[]");
        client.admin("PATCH", "/tenants/" + id, "{\"status\":\"SUSPENDED\"}").assertStatus(200);
        String move = startMove(id, "eu");
        try {
            assertEquals("SUSPENDED", tenant(id).getString("status"), "not READ_ONLY, which is served");
            client.get(a, "/api/documents").assertProblem(403, "TENANT_INACTIVE");
            client.login(a, "alice", "alice-password-1").assertProblem(403, "TENANT_INACTIVE");
        } finally {
            assertEquals("DONE", client.awaitMoveEnd(move).getString("state"));
        }
        assertEquals("SUSPENDED", tenant(id).getString("status"));
    }

    private String startMove(String id, String target) {
        Reply started = client.admin("PUT", "/tenants/" + id + "/placement", "{\"placement\":\"" + target + "\"}");
        started.assertStatus(202);
        return URI.create(started.header("Location")).getPath().substring("/api/admin".length());
    }

    private JsonObject awaitState(String move, String state) {
        return Wait.every(Duration.ofMillis(20))
                .until(
                        "the move at " + move + " in state " + state,
                        Duration.ofSeconds(60),
                        () -> client.admin("GET", move, null).assertJson(200),
                        m -> m.getString("state").equals(state) || m.getBoolean("done"));
    }

    private JsonObject tenant(String id) {
        return client.admin("GET", "/tenants/" + id, null).assertJson(200);
    }

    private Map<String, Long> rowsPerPlacement(String id) {
        return PlacementRows.rowsPerPlacement(client, id);
    }
}
