package dev.rockstar.tenancy.tenant.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TenancyClient.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A tenant made {@code READ_ONLY}: served for reading and logins, every write refused with 503
 * {@code TENANT_READ_ONLY} and {@code Retry-After} and nothing changed, by the request pipeline
 * and, past it (a {@code GET}, a method marked {@code @ChangesNoData}, a managed executor, a job),
 * by the persistence layer; another tenant writes all the while; operators still change its
 * registry entry and delete it. Tagged for the database: the persistence layer's refusal travels
 * through each database's transaction and its driver's exceptions.
 * <p>
 * Every test deletes the tenants it made read-only: the deployment is shared, and jobs of other
 * classes visit every tenant.
 */
@Tag(DependsOnDatabase.TAG)
class ReadOnlyIT extends DeployedWarTest {

    private static final String DOCUMENT = "{\"title\":\"%s\",\"content\":\"%s\"}";
    private static final String JSON = "application/json";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void aReadOnlyTenantServesReadsAndLoginsWhileItsWritesAnswer503AndAnotherTenantKeepsWriting() {
        String a = client.newTenant("ro-a");
        String b = client.newTenant("ro-b");
        String idA = TenancyClient.idOf(a);
        try {
            client.createUser(a, "alice", "password-of-alice", "[]");
            String doc = created(a, "plan of A", "first");
            client.postJson(a, "/api/documents/" + doc + "/comments", "{\"text\":\"a comment\"}")
                    .assertStatus(201);

            JsonObject patched = client.admin("PATCH", "/tenants/" + idA, "{\"status\":\"READ_ONLY\"}")
                    .assertJson(200);
            assertEquals("READ_ONLY", patched.getString("status"));

            // reads
            assertEquals(idA, client.get(a, "/api/tenant/info").assertJson(200).getString("tenant_id"));
            assertEquals(1, client.get(a, "/api/documents").assertJson(200).getInt("total"));
            assertEquals(
                    "first",
                    client.get(a, "/api/documents/" + doc).assertJson(200).getString("content"));
            assertEquals(1, commentsOf(a, doc));
            // login, the session, logout
            Reply login = client.login(a, "alice", "password-of-alice").assertStatus(200);
            String cookie = "JSESSIONID=" + TenancyClient.sessionOf(login);
            assertEquals(
                    "alice",
                    client.get(a, "/api/me", "Cookie", cookie).assertJson(200).getString("username"));

            // writes, anonymous and logged in
            assertReadOnly(client.postJson(a, "/api/documents", DOCUMENT.formatted("new in A", "x")));
            assertReadOnly(client.postJson(
                    a, "/api/documents", DOCUMENT.formatted("new in A, logged in", "x"), "Cookie", cookie));
            assertReadOnly(
                    client.send("PUT", a, "/api/documents/" + doc, JSON, DOCUMENT.formatted("plan of A", "changed")));
            assertReadOnly(client.send("DELETE", a, "/api/documents/" + doc, null, null, "Cookie", cookie));
            assertReadOnly(client.postJson(a, "/api/documents/" + doc + "/comments", "{\"text\":\"another\"}"));

            client.send("POST", a, "/api/logout", null, null, "Cookie", cookie).assertStatus(204);
            client.get(a, "/api/me", "Cookie", cookie).assertProblem(401, "UNAUTHORIZED");

            // B writes all the while, and sees nothing of A
            String docB = created(b, "plan of B", "of B");
            client.send("PUT", b, "/api/documents/" + docB, JSON, DOCUMENT.formatted("plan of B", "2"))
                    .assertJson(200);
            client.get(b, "/api/documents/" + doc).assertProblem(404, "NOT_FOUND");
            client.send("DELETE", b, "/api/documents/" + docB, null, null).assertStatus(204);

            // nothing of A changed
            assertEquals(List.of("plan of A"), titles(a));
            assertEquals(
                    "first",
                    client.get(a, "/api/documents/" + doc).assertJson(200).getString("content"));
            assertEquals(1, commentsOf(a, doc));

            client.admin("PATCH", "/tenants/" + idA, "{\"status\":\"ACTIVE\"}").assertJson(200);
            created(a, "written again", "x");
            assertEquals(List.of("plan of A", "written again"), titles(a));

            List<String> events = Json.createReader(new StringReader(client.get("localhost", "/api/test/tenant-events")
                            .assertStatus(200)
                            .body()))
                    .readArray()
                    .getValuesAs(JsonString::getString);
            assertTrue(events.contains("MADE_READ_ONLY " + idA + " before=ACTIVE after=READ_ONLY"), events::toString);
            assertTrue(events.contains("REACTIVATED " + idA + " before=READ_ONLY after=ACTIVE"), events::toString);
            client.awaitAudit("tenant=" + idA, entry -> entry.getString("event").equals("TENANT_MADE_READ_ONLY"));
        } finally {
            client.admin("DELETE", "/tenants/" + idA, null);
        }
    }

    @Test
    void writesPastThePipelineAreRefusedByThePersistenceLayer() {
        String a = client.newTenant("ro-deep");
        String b = client.newTenant("ro-deep-b");
        String idA = TenancyClient.idOf(a);
        try {
            String doc = created(a, "kept", "as it was");
            String docB = created(b, "of B", "as it was");
            client.admin("PATCH", "/tenants/" + idA, "{\"status\":\"READ_ONLY\"}")
                    .assertJson(200);

            assertReadOnly(client.get(a, "/api/test/read-only/create-on-get"));
            assertReadOnly(client.get(a, "/api/test/read-only/change-on-get/" + doc));
            assertReadOnly(client.postJson(a, "/api/test/read-only/marked", "{}"));
            assertReadOnly(client.get(a, "/api/test/read-only/executor"));
            assertReadOnly(client.postJson("localhost", "/api/test/read-only-jobs/" + idA, "{}"));

            assertEquals(List.of("kept"), titles(a));
            assertEquals(
                    "as it was",
                    client.get(a, "/api/documents/" + doc).assertJson(200).getString("content"));

            // the same paths do write for a writable tenant
            client.get(b, "/api/test/read-only/create-on-get").assertJson(200);
            client.get(b, "/api/test/read-only/change-on-get/" + docB).assertJson(200);
            client.postJson(b, "/api/test/read-only/marked", "{}").assertJson(200);
            client.get(b, "/api/test/read-only/executor").assertJson(200);
            client.postJson("localhost", "/api/test/read-only-jobs/" + TenancyClient.idOf(b), "{}")
                    .assertJson(200);
            assertEquals(5, client.get(b, "/api/documents").assertJson(200).getInt("total"));
            assertEquals(
                    "changed on a GET",
                    client.get(b, "/api/documents/" + docB).assertJson(200).getString("content"));
        } finally {
            client.admin("DELETE", "/tenants/" + idA, null);
        }
    }

    @Test
    void operatorsChangeTheRegistryEntryButNotTheUsersAndDeletingErasesTheRows() {
        String a = client.newTenant("ro-ops");
        String id = TenancyClient.idOf(a);
        client.createUser(a, "carol", "password-of-carol", "[]");
        created(a, "to be erased", "x");
        client.admin("PATCH", "/tenants/" + id, "{\"status\":\"READ_ONLY\"}").assertJson(200);

        JsonObject renamed = client.admin(
                        "PATCH",
                        "/tenants/" + id,
                        "{\"name\":\"Renamed\",\"config\":{\"limits\":{\"maxDocuments\":9}}}")
                .assertJson(200);
        assertEquals("Renamed", renamed.getString("name"));
        assertEquals("READ_ONLY", renamed.getString("status"));
        client.send(
                        "PUT",
                        "localhost",
                        "/api/admin/tenants/" + id + "/hosts/www." + a,
                        null,
                        null,
                        "Authorization",
                        TenancyClient.basic("admin", Deployments.ADMIN_PASSWORD))
                .assertStatus(204);
        assertEquals(
                id, client.get("www." + a, "/api/tenant/info").assertJson(200).getString("tenant_id"));
        client.admin("DELETE", "/tenants/" + id + "/hosts/www." + a, null).assertStatus(204);

        // users are the tenant's rows: frozen with the rest
        client.admin(
                        "POST",
                        "/tenants/" + id + "/users",
                        "{\"username\":\"dave\",\"password\":\"password-of-dave\",\"roles\":[]}")
                .assertProblem(409, "CONFLICT");
        client.admin("DELETE", "/tenants/" + id + "/users/carol", null).assertProblem(409, "CONFLICT");
        assertEquals(
                List.of("carol"),
                client
                        .admin("GET", "/tenants/" + id + "/users", null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .getValuesAs(JsonObject.class)
                        .stream()
                        .map(user -> user.getString("username"))
                        .toList());
        assertEquals(
                1,
                client.admin("GET", "/tenants?status=READ_ONLY&q=" + id, null)
                        .assertJson(200)
                        .getInt("total"));

        client.admin("DELETE", "/tenants/" + id, null).assertStatus(204);
        client.admin("GET", "/tenants/" + id, null).assertProblem(404, "NOT_FOUND");
        client.admin("POST", "/tenants", "{\"id\":\"" + id + "\",\"hosts\":[\"" + a + "\"]}")
                .assertStatus(201);
        try {
            assertEquals(0, client.get(a, "/api/documents").assertJson(200).getInt("total"), "the rows went with it");
            assertEquals(
                    0,
                    client.admin("GET", "/tenants/" + id + "/users", null)
                            .assertJson(200)
                            .getJsonArray("items")
                            .size());
        } finally {
            client.admin("DELETE", "/tenants/" + id, null);
        }
    }

    @Test
    void theStatusIsOneOfThreeAndATenantMayBeRegisteredReadOnly() {
        String id = "ro-born-" + Long.toHexString(System.nanoTime());
        String host = id + ".test";
        String detail = client.admin("PATCH", "/tenants/acme", "{\"status\":\"FROZEN\"}")
                .assertProblem(400, "VALIDATION_FAILED")
                .getString("detail");
        assertTrue(detail.contains("ACTIVE, SUSPENDED, READ_ONLY"), detail);

        JsonObject registered = client.admin(
                        "POST",
                        "/tenants",
                        "{\"id\":\"" + id + "\",\"hosts\":[\"" + host + "\"],\"status\":\"READ_ONLY\"}")
                .assertJson(201);
        try {
            assertEquals("READ_ONLY", registered.getString("status"));
            assertEquals(0, client.get(host, "/api/documents").assertJson(200).getInt("total"));
            assertReadOnly(client.postJson(host, "/api/documents", DOCUMENT.formatted("first", "x")));
        } finally {
            client.admin("DELETE", "/tenants/" + id, null);
        }
    }

    /** The hash made with an older iteration count: a login upgrades it, but not while the tenant is read-only. */
    @Test
    void aLoginWhileReadOnlyKeepsAnOutdatedHashThatTheNextWritableLoginUpgrades() throws Exception {
        String a = client.newTenant("ro-hash");
        String id = TenancyClient.idOf(a);
        String hashOfOlga = "/api/test/password-hashes/" + id + "/olga";
        try {
            client.createUser(a, "olga", "password-of-olga", "[]");
            client.send("PUT", "localhost", hashOfOlga, "text/plain", hashOf("password-of-olga", 2048))
                    .assertStatus(204);
            client.admin("PATCH", "/tenants/" + id, "{\"status\":\"READ_ONLY\"}")
                    .assertJson(200);

            client.login(a, "olga", "password-of-olga").assertStatus(200);
            assertEquals(
                    "PBKDF2WithHmacSHA256:2048",
                    prefixOf(client.get("localhost", hashOfOlga).body()));

            client.admin("PATCH", "/tenants/" + id, "{\"status\":\"ACTIVE\"}").assertJson(200);
            client.login(a, "olga", "password-of-olga").assertStatus(200);
            assertEquals(
                    "PBKDF2WithHmacSHA256:600000",
                    prefixOf(client.get("localhost", hashOfOlga).body()));
        } finally {
            client.admin("DELETE", "/tenants/" + id, null);
        }
    }

    private static void assertReadOnly(Reply reply) {
        reply.assertProblem(503, "TENANT_READ_ONLY");
        assertEquals("60", reply.header("Retry-After"), reply::toString);
    }

    private String created(String host, String title, String content) {
        return client.postJson(host, "/api/documents", DOCUMENT.formatted(title, content))
                .assertJson(201)
                .getString("id");
    }

    private List<String> titles(String host) {
        return client
                .get(host, "/api/documents")
                .assertJson(200)
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .map(document -> document.getString("title"))
                .sorted()
                .toList();
    }

    private int commentsOf(String host, String document) {
        return client.get(host, "/api/documents/" + document + "/comments")
                .assertJson(200)
                .getInt("total");
    }

    /** The format of Jakarta Security's Pbkdf2PasswordHash: algorithm:iterations:salt:hash. */
    private static String hashOf(String password, int iterations) throws Exception {
        byte[] salt = new byte[32];
        new SecureRandom().nextBytes(salt);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                .getEncoded();
        return "PBKDF2WithHmacSHA256:" + iterations + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash);
    }

    private static String prefixOf(String hash) {
        return hash.substring(0, hash.indexOf(':', hash.indexOf(':') + 1));
    }
}
