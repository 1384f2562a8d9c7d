package dev.rockstar.tenancy.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.PlacementRows;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TenancyClient.Reply;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Placements: a tenant's rows in {@code shared} or a schema placement of its own, read where they
 * are by SQL of the test's (not through the routing under test); moves between placements, with
 * the freeze, the wait for writes under way, the refusals meanwhile and the audit.
 */
@Tag(DependsOnDatabase.TAG)
class PlacementIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void aTenantInAPlacementHasItsRowsThereAloneAndSharesNothingWithItsNeighbours() {
        String a = client.newTenant("pla", "premium");
        String b = client.newTenant("plb", "premium");
        String c = client.newTenant("plc");
        assertEquals("premium", tenant(a).getString("placement"));
        assertEquals("shared", tenant(c).getString("placement"));
        String doc = client.newDocument(a, "Plan of A", "secret of A");
        client.postJson(a, "/api/documents/" + doc + "/comments", "{\"text\":\"comment of A\"}")
                .assertStatus(201);
        client.createUser(a, "alice", "alice-password-1", "[]");

        assertEquals(
                Map.of("shared", 0L, "premium", 3L, "eu", 0L),
                rowsPerPlacement(a),
                "a document, a comment and a user, all in premium");
        // B shares A's placement and C shares A's document titles: neither sees anything of A's
        client.newDocument(b, "Plan of A", "B's own");
        client.newDocument(c, "Plan of A", "C's own");
        for (String other : new String[] {b, c}) {
            client.get(other, "/api/documents/" + doc).assertProblem(404, "NOT_FOUND");
            assertFalse(client.get(other, "/api/documents").body().contains("secret of A"));
            client.login(other, "alice", "alice-password-1").assertStatus(401);
        }
        assertEquals(1, client.get(a, "/api/documents").json().getInt("total"));
        client.login(a, "alice", "alice-password-1").assertStatus(200);
        assertEquals(Map.of("shared", 0L, "premium", 1L, "eu", 0L), rowsPerPlacement(b));
        assertEquals(Map.of("shared", 1L, "premium", 0L, "eu", 0L), rowsPerPlacement(c));
        assertEquals(
                1,
                client.admin("GET", "/tenants/" + TenancyClient.idOf(a) + "/footprint", null)
                        .assertJson(200)
                        .getJsonObject("rows")
                        .getInt("Document"));
    }

    @Test
    void aMoveFreezesTheTenantCopiesVerifiesSwitchesAndThawsIt() throws Exception {
        String a = client.newTenant("mov");
        String doc = client.newDocument(a, "Moving", "along");
        client.newDocument(a, "Second", "one");
        client.postJson(a, "/api/documents/" + doc + "/comments", "{\"text\":\"on the way\"}")
                .assertStatus(201);
        client.createUser(a, "alice", "alice-password-1", "[]");
        String id = TenancyClient.idOf(a);
        // a change under way holds the move in its freeze for 2 s: long enough to see it frozen
        CompletableFuture<Reply> slow = CompletableFuture.supplyAsync(() -> new TenancyClient(
                        client.port(), Duration.ofSeconds(60))
                .send(
                        "POST",
                        "localhost",
                        "/api/test/placements/" + id + "/slow-update/" + doc + "?content=along-the-way&millis=2000",
                        null,
                        null));
        Thread.sleep(500);

        Reply started = client.admin("PUT", "/tenants/" + id + "/placement", "{\"placement\":\"eu\"}");
        JsonObject move = started.assertJson(202);
        assertEquals("shared", move.getString("from"));
        assertEquals("eu", move.getString("to"));
        assertEquals("ACTIVE", move.getString("previousStatus"));
        String location = started.header("Location");
        assertNotNull(location, "a Location to poll");
        assertEquals(
                "/api/admin/tenants/" + id + "/moves/" + move.getString("id"),
                URI.create(location).getPath(),
                "relative to the application, on every server");
        // read-only from the 202 on, on this node at once
        assertEquals("READ_ONLY", tenant(a).getString("status"));
        client.postJson(a, "/api/documents", "{\"title\":\"refused\",\"content\":\"x\"}")
                .assertProblem(503, "TENANT_READ_ONLY");
        client.get(a, "/api/documents").assertStatus(200);
        slow.join().assertStatus(204);

        JsonObject done = client.awaitMoveEnd(location);
        assertEquals("DONE", done.getString("state"), done::toString);
        assertEquals(4, done.getInt("rowsCopied"), "two documents, a comment and a user");
        assertTrue(done.getJsonNumber("readOnlyMillis").longValue() >= 0, done::toString);
        assertEquals(Map.of("shared", 0L, "premium", 0L, "eu", 4L), rowsPerPlacement(a));
        JsonObject after = tenant(a);
        assertEquals("eu", after.getString("placement"));
        assertEquals("ACTIVE", after.getString("status"));

        assertEquals(
                "along-the-way",
                client.get(a, "/api/documents/" + doc).assertJson(200).getString("content"),
                "the change under way when the move began was kept");
        assertTrue(client.get(a, "/api/documents/" + doc + "/comments").body().contains("on the way"));
        client.login(a, "alice", "alice-password-1").assertStatus(200);
        client.newDocument(a, "Written after the move", "in eu");
        assertEquals(Map.of("shared", 0L, "premium", 0L, "eu", 5L), rowsPerPlacement(a));
        client.awaitAudit("tenant=" + id, e -> e.getString("event").equals("TENANT_MOVE_STARTED"));
        JsonObject moved =
                client.awaitAudit("tenant=" + id, e -> e.getString("event").equals("TENANT_MOVED"));
        assertTrue(moved.getString("detail").contains("from shared to eu"), moved::toString);
        assertEquals(
                1,
                client.admin("GET", "/tenants/" + id + "/moves", null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .size());
    }

    @Test
    void aMoveWaitsForAWriteUnderWayKeepsItAndRefusesOtherChangesMeanwhile() throws Exception {
        String a = client.newTenant("race", "premium");
        String doc = client.newDocument(a, "Before", "as it was");
        String id = TenancyClient.idOf(a);
        // a change whose transaction stays open for 3 s after its statement ran: it began before the freeze
        CompletableFuture<Reply> slow =
                CompletableFuture.supplyAsync(() -> new TenancyClient(client.port(), Duration.ofSeconds(60))
                        .send(
                                "POST",
                                "localhost",
                                "/api/test/placements/" + id + "/slow-update/" + doc
                                        + "?content=changed-while-moving&millis=3000",
                                null,
                                null));
        Thread.sleep(700);

        Reply started = client.admin("PUT", "/tenants/" + id + "/placement", "{\"placement\":\"shared\"}");
        started.assertStatus(202);
        client.admin("PUT", "/tenants/" + id + "/placement", "{\"placement\":\"eu\"}")
                .assertProblem(409, "CONFLICT");
        client.admin("PATCH", "/tenants/" + id, "{\"status\":\"SUSPENDED\"}").assertProblem(409, "CONFLICT");
        client.admin("DELETE", "/tenants/" + id, null).assertProblem(409, "CONFLICT");
        assertEquals(
                "Renamed while moving",
                client.admin("PATCH", "/tenants/" + id, "{\"name\":\"Renamed while moving\"}")
                        .assertJson(200)
                        .getString("name"),
                "other changes of the entry are not the move's");
        assertEquals(
                "FREEZING",
                client.admin("GET", "/tenants/" + id + "/placement", null)
                        .assertJson(200)
                        .getJsonObject("move")
                        .getString("state"),
                "waiting for the change under way");

        slow.get().assertStatus(204);
        JsonObject done = client.awaitMoveEnd(started.header("Location"));
        assertEquals("DONE", done.getString("state"), done::toString);
        assertEquals(Map.of("shared", 1L, "premium", 0L, "eu", 0L), rowsPerPlacement(a));
        assertEquals(
                "changed-while-moving",
                client.get(a, "/api/documents/" + doc).assertJson(200).getString("content"),
                "the change under way was kept: it was copied after it committed");
        assertEquals("ACTIVE", tenant(a).getString("status"));
    }

    @Test
    void aWriteOfARequestThatBeganBeforeTheFreezeIsRefusedAfterIt() {
        // the request binds its tenant ACTIVE before the freeze; its write, after it, must not
        // reach the source, whose rows the move would copy without it and then erase
        String a = client.newTenant("late", "premium");
        String id = TenancyClient.idOf(a);
        client.newDocument(a, "Before", "kept");
        client.send("POST", "localhost", "/api/test/placements/" + id + "/write-across-freeze?target=eu", null, null)
                .assertProblem(503, "TENANT_READ_ONLY");
        assertEquals(Map.of("shared", 0L, "premium", 1L, "eu", 0L), rowsPerPlacement(a), "nothing written");
        assertEquals("ACTIVE", tenant(a).getString("status"));
        client.newDocument(a, "After", "written once the freeze is over");
    }

    @Test
    void aMoveOfASuspendedTenantLeavesItSuspended() {
        String a = client.newTenant("susp", "eu");
        String id = TenancyClient.idOf(a);
        client.admin("PATCH", "/tenants/" + id, "{\"status\":\"SUSPENDED\"}").assertStatus(200);
        Reply started = client.admin("PUT", "/tenants/" + id + "/placement", "{\"placement\":\"premium\"}");
        assertEquals("SUSPENDED", started.assertJson(202).getString("previousStatus"));
        assertEquals("DONE", client.awaitMoveEnd(started.header("Location")).getString("state"));
        JsonObject after = tenant(a);
        assertEquals("SUSPENDED", after.getString("status"));
        assertEquals("premium", after.getString("placement"));
    }

    @Test
    void aMoveWhoseMoverDiedIsTakenOverAndFinished() {
        String a = client.newTenant("orphan");
        client.newDocument(a, "Left behind", "by a dead mover");
        String id = TenancyClient.idOf(a);
        // copied half-way by then, or not at all: the step is done again from the start
        String move = client.send(
                        "POST",
                        "localhost",
                        "/api/test/placements/" + id + "/orphaned-move?target=premium&state=COPYING",
                        null,
                        null)
                .assertJson(200)
                .getString("id");
        assertEquals("READ_ONLY", tenant(a).getString("status"));
        client.admin("PUT", "/tenants/" + id + "/placement", "{\"placement\":\"eu\"}")
                .assertProblem(409, "CONFLICT");
        JsonObject done = client.awaitMoveEnd("/api/admin/tenants/" + id + "/moves/" + move);
        assertEquals("DONE", done.getString("state"), done::toString);
        assertEquals(Map.of("shared", 0L, "premium", 1L, "eu", 0L), rowsPerPlacement(a));
        JsonObject after = tenant(a);
        assertEquals("premium", after.getString("placement"));
        assertEquals("ACTIVE", after.getString("status"));
        client.newDocument(a, "After the takeover", "x");
    }

    @Test
    void aMoveThatFailsLeavesTheTenantWholeWhereItWasInTheStatusItHad() {
        String a = client.newTenant("fail");
        String doc = client.newDocument(a, "Stays", "in shared");
        client.postJson(a, "/api/documents/" + doc + "/comments", "{\"text\":\"and its comment\"}")
                .assertStatus(201);
        String id = TenancyClient.idOf(a);
        breakTable("eu", "document_comment", true);
        try {
            Reply started = client.admin("PUT", "/tenants/" + id + "/placement", "{\"placement\":\"eu\"}");
            started.assertStatus(202);
            JsonObject failed = client.awaitMoveEnd(started.header("Location"));
            assertEquals("FAILED", failed.getString("state"), failed::toString);
            assertFalse(failed.isNull("detail"), "it says why");
        } finally {
            breakTable("eu", "document_comment", false);
        }
        JsonObject after = tenant(a);
        assertEquals("shared", after.getString("placement"));
        assertEquals("ACTIVE", after.getString("status"));
        assertEquals(
                Map.of("shared", 2L, "premium", 0L, "eu", 0L), rowsPerPlacement(a), "whole, and nothing left in eu");
        client.get(a, "/api/documents/" + doc + "/comments").assertStatus(200);
        client.newDocument(a, "Writable again", "x");
        client.awaitAudit("tenant=" + id, e -> e.getString("event").equals("TENANT_MOVE_FAILED"));
    }

    @Test
    void aReplacingRestoreUnderWayRefusesAMoveAndLetsGoOfTheTenantAfter() {
        String a = client.newTenant("held");
        String id = TenancyClient.idOf(a);
        client.newDocument(a, "Kept", "x");
        byte[] archive = client.adminDownload("/tenants/" + id + "/archive");
        String hold = client.send("POST", "localhost", "/api/test/placements/" + id + "/restore-hold", null, null)
                .assertStatus(200)
                .body();
        try {
            assertTrue(client.admin("PUT", "/tenants/" + id + "/placement", "{\"placement\":\"eu\"}")
                    .assertProblem(409, "CONFLICT")
                    .getString("detail")
                    .contains("restore"));
            client.admin("PATCH", "/tenants/" + id, "{\"status\":\"ACTIVE\"}").assertProblem(409, "CONFLICT");
        } finally {
            client.send(
                            "POST",
                            "localhost",
                            "/api/test/placements/" + id + "/restore-hold/release?hold=" + hold.strip(),
                            null,
                            null)
                    .assertStatus(204);
        }
        // a restore over it that worked lets go of it too
        client.adminUpload("POST", "/tenants/restore?replace=true", archive).assertStatus(201);
        Reply started = client.admin("PUT", "/tenants/" + id + "/placement", "{\"placement\":\"eu\"}");
        started.assertStatus(202);
        assertEquals("DONE", client.awaitMoveEnd(started.header("Location")).getString("state"));
        assertEquals(Map.of("shared", 0L, "premium", 0L, "eu", 1L), rowsPerPlacement(a));
    }

    @Test
    void badRequestsAreRefusedAndChangeNothing() {
        String a = client.newTenant("bad");
        String id = TenancyClient.idOf(a);
        String path = "/tenants/" + id + "/placement";
        assertEquals(
                "placement",
                client.admin("PUT", path, "{\"placement\":\"nowhere\"}")
                        .assertProblem(400, "VALIDATION_FAILED")
                        .getString("field"));
        client.admin("PUT", path, "{\"placement\":7}").assertProblem(400, "VALIDATION_FAILED");
        client.admin("PUT", path, "{}").assertProblem(400, "VALIDATION_FAILED");
        client.admin("PUT", path, "{\"placement\":\"eu\",\"now\":true}").assertProblem(400, "VALIDATION_FAILED");
        client.admin("PUT", path, "not json").assertProblem(400, "VALIDATION_FAILED");
        client.admin("PUT", "/tenants/no-such-tenant/placement", "{\"placement\":\"eu\"}")
                .assertProblem(404, "NOT_FOUND");
        client.admin("PATCH", "/tenants/" + id, "{\"placement\":\"eu\"}").assertProblem(400, "VALIDATION_FAILED");
        // where it is already: nothing to move
        assertEquals(
                "shared",
                client.admin("PUT", path, "{\"placement\":\"shared\"}")
                        .assertJson(200)
                        .getString("placement"));
        assertEquals(
                0,
                client.admin("GET", "/tenants/" + id + "/moves", null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .size());
        JsonObject placement = client.admin("GET", path, null).assertJson(200);
        assertEquals("shared", placement.getString("placement"));
        assertTrue(placement.isNull("move"));

        String unplaced = "unplaced-" + Long.toHexString(System.nanoTime());
        client.admin(
                        "POST",
                        "/tenants",
                        "{\"id\":\"" + unplaced + "\",\"hosts\":[\"" + unplaced + ".test\"],\"placement\":\"nowhere\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        client.admin("GET", "/tenants/" + unplaced, null).assertProblem(404, "NOT_FOUND");
        client.admin("GET", "/tenants/" + id + "/moves/not-a-move", null).assertProblem(404, "NOT_FOUND");
    }

    @Test
    void deletingATenantOfAPlacementDeletesItsRowsThere() {
        String a = client.newTenant("gone", "eu");
        client.newDocument(a, "Soon gone", "x");
        client.createUser(a, "alice", "alice-password-1", "[]");
        Map<String, Long> before = rowsPerPlacement(a);
        assertEquals(2L, before.get("eu"));
        client.admin("DELETE", "/tenants/" + TenancyClient.idOf(a), null).assertStatus(204);
        assertEquals(Map.of("shared", 0L, "premium", 0L, "eu", 0L), rowsPerPlacement(a));
    }

    @Test
    void anArchiveOfAPlacementsTenantRestoresItsCloneInThePlacementItNames() {
        String a = client.newTenant("src", "eu");
        client.newDocument(a, "Cloned", "from eu into premium");
        client.createUser(a, "alice", "alice-password-1", "[]");
        byte[] archive = client.adminDownload("/tenants/" + TenancyClient.idOf(a) + "/archive");
        String clone = "clone-" + Long.toHexString(System.nanoTime());
        JsonObject restored = client.adminUpload(
                        "POST", "/tenants/restore?id=" + clone + "&host=" + clone + ".test&placement=premium", archive)
                .assertJson(201);
        assertEquals("premium", restored.getString("placement"));
        assertEquals(Map.of("shared", 0L, "premium", 2L, "eu", 0L), rowsPerPlacement(clone + ".test"));
        assertEquals(Map.of("shared", 0L, "premium", 0L, "eu", 2L), rowsPerPlacement(a), "the original stays in eu");
        client.login(clone + ".test", "alice", "alice-password-1").assertStatus(200);
        assertTrue(client.adminUpload("POST", "/tenants/" + clone + "/verify", archive)
                .assertJson(200)
                .getBoolean("equal"));
        client.adminUpload(
                        "POST",
                        "/tenants/restore?id=other-" + clone + "&host=other-" + clone + ".test&placement=nowhere",
                        archive)
                .assertProblem(400, "VALIDATION_FAILED");
        client.admin("GET", "/tenants/other-" + clone, null).assertProblem(404, "NOT_FOUND");
    }

    @Test
    void aTransactionOfAPlacementsTenantThatRollsBackLeavesNoConnectionInItsSchema() {
        String a = client.newTenant("rolled", "premium");
        client.newDocument(a, "Kept", "in premium");
        for (int i = 0; i < 4; i++) {
            client.send(
                            "POST",
                            "localhost",
                            "/api/test/placements/" + TenancyClient.idOf(a) + "/rolled-back-read",
                            null,
                            null)
                    .assertStatus(204);
        }
        // H2 keeps a connection's schema past its transaction: one left in the placement's would
        // send the next untenanted statement, or the next deployment's migrations, there.
        String schemas = client.send("GET", "localhost", "/api/test/placements/connection-schemas?count=12", null, null)
                .assertStatus(200)
                .body()
                .toLowerCase(java.util.Locale.ROOT);
        assertFalse(schemas.contains("tenancy_premium") || schemas.contains("tenancy_eu"), schemas);
    }

    private void breakTable(String placement, String table, boolean broken) {
        client.send(
                        "POST",
                        "localhost",
                        "/api/test/placements/break?placement=" + placement + "&table=" + table + "&broken=" + broken,
                        null,
                        null)
                .assertStatus(204);
    }

    private JsonObject tenant(String host) {
        return client.admin("GET", "/tenants/" + TenancyClient.idOf(host), null).assertJson(200);
    }

    private Map<String, Long> rowsPerPlacement(String host) {
        return PlacementRows.rowsPerPlacement(client, TenancyClient.idOf(host));
    }
}
