package dev.rockstar.tenancy.portability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rockstar.tenancy.testing.ArchiveDigest;
import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An archive carried across the matrix: the first execution on each database exports a tenant of
 * known content (text in several scripts, a comment, a user with a password) to
 * {@code target/tenant-archives/<execution>.zip}, and each later execution restores an earlier
 * one's, made with the same WAR, under a new id: H2 to PostgreSQL and back, Payara Micro 6 to 7, to WildFly and to
 * GlassFish ({@link #SOURCES}). The restored tenant verifies equal to the archive, exports again to
 * the same digest for every table, and reads back through the tenant API as it was written. An
 * execution run alone, with no earlier execution's archive made with this WAR, skips the restore and
 * says so. Tagged {@value DependsOnDatabase#TAG}: it runs in every execution of the matrix.
 */
@Tag(DependsOnDatabase.TAG)
class ArchivePortabilityIT extends DeployedWarTest {

    static final Path ARCHIVES = Path.of("target", "tenant-archives");
    static final Path WAR = Path.of("target", "rockstar-tenancy.war");

    /**
     * The executions that export the fixture: the first on each database (docs/TESTING.md gives
     * the order they run in).
     */
    static final List<String> EXPORTERS = List.of("payara-h2", "payara-postgresql");

    /** Whose archive each later execution restores, the first that is there. */
    static final Map<String, List<String>> SOURCES = Map.of(
            "payara-postgresql", List.of("payara-h2"), // H2 to PostgreSQL
            "payara7-postgresql", List.of("payara-h2"), // Payara Micro 6 to 7
            "wildfly-h2", List.of("payara-postgresql", "payara-h2"), // PostgreSQL to H2, Payara to WildFly
            "wildfly-postgresql", List.of("payara-h2"), // H2 to PostgreSQL, Payara to WildFly
            "glassfish-postgresql", List.of("payara-h2")); // H2 to PostgreSQL, Payara to GlassFish

    static final String PASSWORD = "pässwörd-1234";
    static final Map<String, String> DOCUMENTS = Map.of(
            "Grüße aus Köln", "Ünïcödé — 日本語 — Ελληνικά — עברית — 🚀\n\"quoted\" \\ back\tslash",
            "plain", "ascii only",
            "ǅemal 𝔘", "surrogate pair 𝔘 and a combining mark é");
    static final String COMMENT = "ça va? ✓ — コメント";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    /**
     * This execution's name, as pom.xml's executions are named: the server and database it runs
     * on, and Payara Micro 7 told from 6 by the Java it requires.
     */
    static String execution() {
        String server = Deployments.server();
        if (server.equals("payara") && System.getProperty("it.required.java") != null) {
            server = "payara7";
        }
        return server + "-" + System.getProperty("it.database", "h2");
    }

    @Test
    void theFirstExecutionOnEachDatabaseExportsATenantOfKnownContent() throws Exception {
        String execution = execution();
        assumeTrue(
                EXPORTERS.contains(execution),
                () -> execution + " exports nothing: " + EXPORTERS + " make the archives the others restore");
        String id = "portable-" + Long.toHexString(System.nanoTime());
        String host = id + ".test";
        client.admin(
                        "POST",
                        "/tenants",
                        "{\"id\":\"" + id + "\",\"name\":\"Portable Œuvre ✓\",\"hosts\":[\"" + host + "\"],"
                                + "\"config\":{\"features\":{\"exports\":true},\"limits\":{\"maxDocuments\":50},"
                                + "\"branding\":{\"displayName\":\"Bücher & Co\",\"primaryColor\":\"#336699\"}}}")
                .assertStatus(201);
        String first = null;
        for (var document : new TreeMap<>(DOCUMENTS).entrySet()) {
            String docId = client.postJson(
                            host,
                            "/api/documents",
                            Json.createObjectBuilder()
                                    .add("title", document.getKey())
                                    .add("content", document.getValue())
                                    .build()
                                    .toString())
                    .assertJson(201)
                    .getString("id");
            first = first == null ? docId : first;
        }
        client.postJson(
                        host,
                        "/api/documents/" + first + "/comments",
                        Json.createObjectBuilder().add("text", COMMENT).build().toString())
                .assertJson(201);
        client.createUser(host, "ada", PASSWORD, "[\"manager\"]");

        byte[] archive = export(id);
        assertTrue(verify(id, archive).getBoolean("equal"), "a tenant equals its own archive");
        Files.createDirectories(ARCHIVES);
        Path written = Files.write(ARCHIVES.resolve(execution + ".zip.part"), archive);
        Files.move(
                written,
                ARCHIVES.resolve(execution + ".zip"),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(ARCHIVES.resolve(execution + ".war-digest"), warDigest());
    }

    @Test
    void anEarlierExecutionsArchiveRestoresVerifiesEqualAndReadsBack() throws Exception {
        String execution = execution();
        List<String> sources = SOURCES.getOrDefault(execution, List.of());
        assumeTrue(!sources.isEmpty(), () -> execution + " is the first execution: it restores no earlier archive");
        Optional<Path> source = sources.stream()
                .map(name -> ARCHIVES.resolve(name + ".zip"))
                .filter(ArchivePortabilityIT::madeByThisWar)
                .findFirst();
        assumeTrue(
                source.isPresent(),
                () -> "no archive of " + sources + " in " + ARCHIVES + " made by this WAR: run the executions before "
                        + execution + " with it (mvn verify, or e.g. -Ppayara)");
        byte[] archive = Files.readAllBytes(source.get());
        System.out.println(execution + " restores " + source.get());

        String id = "ported-" + Long.toHexString(System.nanoTime());
        String host = id + ".test";
        HttpResponse<byte[]> restored = adminBytes(
                "POST",
                "/tenants/restore?id=" + id + "&host=" + URLEncoder.encode(host, StandardCharsets.UTF_8),
                archive);
        assertEquals(201, restored.statusCode(), () -> text(restored));
        assertTrue(
                restored.headers().firstValue("Location").orElse("").endsWith("/api/admin/tenants/" + id),
                restored.headers().toString());

        JsonObject verification = verify(id, archive);
        assertTrue(verification.getBoolean("equal"), verification::toString);
        assertFalse(verification.getJsonObject("tables").isEmpty(), verification::toString);

        // Exported again here, every table's file has the digest it had where it was made
        Map<String, String> before = tableDigests(archive);
        Map<String, String> after = tableDigests(export(id));
        assertTrue(before.size() >= 3, () -> "documents, comments and users at least: " + before);
        assertEquals(before, after, "per-table SHA-256 of the source archive and of this server's export");

        // ... and the data reads back through the tenant API as it was written
        JsonObject info = client.get(host, "/api/tenant/info").assertJson(200);
        assertEquals(id, info.getString("tenant_id"));
        assertEquals("Portable Œuvre ✓", info.getString("name"));
        assertEquals(
                "Bücher & Co",
                info.getJsonObject("config").getJsonObject("branding").getString("displayName"));
        Map<String, String> documents = new TreeMap<>();
        String commented = null;
        for (JsonValue item :
                client.get(host, "/api/documents?limit=50").assertJson(200).getJsonArray("items")) {
            JsonObject document = item.asJsonObject();
            documents.put(document.getString("title"), document.getString("content", ""));
            if (document.getString("title").equals(new TreeMap<>(DOCUMENTS).firstKey())) {
                commented = document.getString("id");
            }
        }
        assertEquals(new TreeMap<>(DOCUMENTS), documents);
        assertNotNull(commented);
        assertEquals(
                List.of(COMMENT),
                client
                        .get(host, "/api/documents/" + commented + "/comments")
                        .assertJson(200)
                        .getJsonArray("items")
                        .getValuesAs(JsonObject.class)
                        .stream()
                        .map(c -> c.getString("text"))
                        .toList());
        client.login(host, "ada", PASSWORD).assertStatus(200);
    }

    /**
     * An archive an earlier execution made with the WAR this one deploys: the digest of its entries'
     * bytes, which a rebuild from the same sources keeps (its file's time it does not).
     */
    private static boolean madeByThisWar(Path archive) {
        Path digest = archive.resolveSibling(archive.getFileName().toString().replace(".zip", ".war-digest"));
        try {
            return Files.isRegularFile(archive)
                    && Files.isRegularFile(digest)
                    && Files.readString(digest).equals(warDigest());
        } catch (IOException e) {
            return false;
        }
    }

    /** The packaged WAR's, not the deployment's: each database's deployment adds its own configuration. */
    private static String warDigest() {
        return ArchiveDigest.of(ShrinkWrap.createFromZipFile(WebArchive.class, WAR.toFile()));
    }

    private byte[] export(String id) {
        HttpResponse<byte[]> response = adminBytes("GET", "/tenants/" + id + "/archive", null);
        assertEquals(200, response.statusCode(), () -> text(response));
        assertTrue(
                response.headers().firstValue("Content-Type").orElse("").startsWith("application/zip"),
                response.headers().toString());
        return response.body();
    }

    private JsonObject verify(String id, byte[] archive) {
        HttpResponse<byte[]> response = adminBytes("POST", "/tenants/" + id + "/verify", archive);
        assertEquals(200, response.statusCode(), () -> text(response));
        return Json.createReader(new StringReader(new String(response.body(), StandardCharsets.UTF_8)))
                .readObject();
    }

    /** The manifest's SHA-256 of each table's file, by table. */
    static Map<String, String> tableDigests(byte[] archive) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("manifest.json")) {
                    JsonObject manifest = Json.createReader(
                                    new StringReader(new String(zip.readAllBytes(), StandardCharsets.UTF_8)))
                            .readObject();
                    Map<String, String> digests = new TreeMap<>();
                    for (JsonObject file : manifest.getJsonArray("files").getValuesAs(JsonObject.class)) {
                        if (file.containsKey("table")) {
                            digests.put(file.getString("table"), file.getString("sha256"));
                        }
                    }
                    return digests;
                }
            }
        }
        throw new AssertionError("no manifest.json in the archive");
    }

    private HttpResponse<byte[]> adminBytes(String method, String path, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + client.port() + "/api/admin" + path))
                .timeout(Duration.ofSeconds(60))
                .header("Host", "localhost")
                .header("Authorization", TenancyClient.basic("admin", Deployments.ADMIN_PASSWORD))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/zip");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        return response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);
    }
}
