package dev.rockstar.tenancy.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TenancyClient.Reply;
import dev.rockstar.tenancy.testing.TwoTenantsTest;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input beyond hosts: bodies too large, too deep or not UTF-8, wrong or missing media
 * types, absurd paging, path tricks, ids out of range, huge headers and slow clients. Every one is
 * refused with a 4xx problem document, or by the server itself before the application (listed per
 * server in docs/HTTP-API.md), never a 5xx, and nothing of a refused write is stored.
 */
class HostileInputIT extends TwoTenantsTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Override
    protected String prefix() {
        return "hostile";
    }

    private final List<String> refusals = new ArrayList<>();

    @BeforeEach
    void noRefusalsYet() {
        refusals.clear();
    }

    @AfterEach
    void printWhatTheServerRefusedItself() {
        refusals.forEach(r -> System.out.println("HostileInputIT " + Deployments.server() + ": " + r));
    }

    // ---------------------------------------------------------------- bodies

    @Test
    void deeplyNestedJsonIsRefusedAndNothingIsStored() {
        int depth = 100_000;
        String arrays = "[".repeat(depth) + "]".repeat(depth);
        String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        for (String body : List.of(
                arrays,
                objects,
                "{\"title\":\"t\",\"content\":\"c\",\"x\":" + arrays + "}",
                "{\"title\":\"t\",\"content\":\"c\",\"x\":" + "[".repeat(depth) + "}")) {
            client.postJson(a, "/api/documents", body).assertProblem(400, "VALIDATION_FAILED");
        }
        client.admin("POST", "/tenants", "{\"id\":\"hostile-nested\",\"config\":" + objects + "}")
                .assertProblem(400, "VALIDATION_FAILED");
        client.admin("GET", "/tenants/hostile-nested", null).assertProblem(404, "NOT_FOUND");
        client.send(
                        "PATCH",
                        "localhost",
                        "/api/admin/tenants/" + TenancyClient.idOf(a),
                        "application/json",
                        "{\"config\":" + objects + "}",
                        "Authorization",
                        TenancyClient.basic("admin", Deployments.ADMIN_PASSWORD))
                .assertProblem(400, "VALIDATION_FAILED");
        assertNothingStored(a);
    }

    @Test
    void oversizedAndOddJsonIsRefused() {
        client.postJson(a, "/api/documents", "{\"title\":\"t\",\"content\":\"" + "x".repeat(2 << 20) + "\"}")
                .assertProblem(413, "PAYLOAD_TOO_LARGE");
        client.postJson(a, "/api/documents", "{\"title\":\"" + "x".repeat(900_000) + "\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        for (String body : List.of(
                "",
                "null",
                "[]",
                "\"a\"",
                "1",
                "{\"title\":1e999999999}",
                "{\"title\":\"a\"} {}",
                "{\"title\":\"a\\u0000b\",\"content\":\"c\"}",
                "{\"title\":\"t\",\"content\":\"a\\ud800b\"}",
                "{\"title\":\"t\",\"content\":\"\\udc00\"}",
                "{\"title\":\"t\"",
                "{\"title\":\"t\",}")) {
            client.postJson(a, "/api/documents", body).assertProblem(400, "VALIDATION_FAILED");
        }
        StringBuilder manyKeys = new StringBuilder("{\"title\":\"keys\",\"content\":\"c\"");
        for (int i = 0; i < 50_000; i++) {
            manyKeys.append(",\"k").append(i).append("\":0");
        }
        // Unknown members are ignored by the tenant API; many of them are still one document.
        client.postJson(a, "/api/documents", manyKeys.append('}').toString()).assertStatus(201);
        assertEquals(1, client.get(a, "/api/documents").assertJson(200).getInt("total"));
        // A login's name is only compared, never stored as sent: a NUL in it is a wrong login (its audit entry
        // is cleaned, AuditFloodIT), never a database error.
        client.postJson(a, "/api/login", "{\"username\":\"u\\u0000\",\"password\":\"p\"}")
                .assertProblem(401, "UNAUTHORIZED");
        client.admin("POST", "/tenants", "{\"id\":\"hostile-nul\",\"name\":\"a\\u0000b\"}")
                .assertProblem(400, "VALIDATION_FAILED");
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[][] bodies = {
            bytes(
                    "{\"title\":\"",
                    new byte[] {(byte) 0xC3, 0x28},
                    "\",\"content\":\"c\"}"), // a lead byte without its continuation
            bytes("{\"title\":\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\",\"content\":\"c\"}"), // an overlong '/'
            bytes(
                    "{\"title\":\"",
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    "\",\"content\":\"c\"}"), // a surrogate
            bytes("{\"title\":\"t\",\"content\":\"", new byte[] {(byte) 0xFF}, "\"}"),
        };
        for (byte[] body : bodies) {
            Reply reply = raw(request("POST", a, "/api/documents", "Content-Type: application/json\r\n", body));
            assertProblemOrRefusal("invalid UTF-8 body", reply, 400, "VALIDATION_FAILED", false);
        }
        Reply admin = raw(request(
                "POST",
                "localhost",
                "/api/admin/tenants",
                "Content-Type: application/json\r\nAuthorization: "
                        + TenancyClient.basic("admin", Deployments.ADMIN_PASSWORD) + "\r\n",
                bytes("{\"id\":\"hostile-utf8\",\"name\":\"", new byte[] {(byte) 0xC3, 0x28}, "\"}")));
        assertProblemOrRefusal("invalid UTF-8 admin body", admin, 400, "VALIDATION_FAILED", false);
        assertProblemOrRefusal(
                "invalid UTF-8 in an id", client.get(a, "/api/documents/%FF%FE"), 404, "NOT_FOUND", true);
        assertProblemOrRefusal(
                "invalid UTF-8 in a query", client.get(a, "/api/documents?limit=%FF"), 400, "VALIDATION_FAILED", true);
        Reply rawPath = raw(request("GET", a, "/api/documents/\u00ff", "", null));
        assertTrue(rawPath.status() >= 400 && rawPath.status() < 500, () -> "raw byte in the path: " + rawPath);
        assertNothingStored(a);
    }

    @Test
    void wrongAndMissingMediaTypesAreRefused() {
        String doc = "{\"title\":\"typed\",\"content\":\"c\"}";
        for (String type : List.of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x")) {
            client.send("POST", a, "/api/documents", type, doc).assertProblem(415, "UNSUPPORTED_MEDIA_TYPE");
        }
        for (String type : List.of("application/json; charset=bogus-charset", "application/json; charset=UTF-16")) {
            Reply reply = client.send("POST", a, "/api/documents", type, doc);
            assertTrue(reply.status() == 400 || reply.status() == 415, () -> type + ": " + reply);
            reply.assertProblem(reply.status(), reply.status() == 400 ? "VALIDATION_FAILED" : "UNSUPPORTED_MEDIA_TYPE");
        }
        Reply garbage = raw(
                request("POST", a, "/api/documents", "Content-Type: ;;;/==\r\n", doc.getBytes(StandardCharsets.UTF_8)));
        assertProblemOrRefusal(
                "a malformed Content-Type",
                garbage,
                garbage.status() == 415 ? 415 : 400,
                garbage.status() == 415 ? "UNSUPPORTED_MEDIA_TYPE" : "VALIDATION_FAILED",
                false);
        Reply missing = raw(request("POST", a, "/api/documents", "", doc.getBytes(StandardCharsets.UTF_8)));
        missing.assertProblem(415, "UNSUPPORTED_MEDIA_TYPE");
        client.send(
                        "PATCH",
                        "localhost",
                        "/api/admin/tenants/" + TenancyClient.idOf(a),
                        "text/plain",
                        "{\"name\":\"x\"}",
                        "Authorization",
                        TenancyClient.basic("admin", Deployments.ADMIN_PASSWORD))
                .assertProblem(415, "UNSUPPORTED_MEDIA_TYPE");
        assertNothingStored(a);
    }

    // ---------------------------------------------------------------- parameters, paths, ids

    @Test
    void absurdPagingIsRefused() {
        String doc = client.postJson(a, "/api/documents", "{\"title\":\"paged\",\"content\":\"c\"}")
                .assertJson(201)
                .getString("id");
        List<String> lists = List.of("/api/documents", "/api/documents/" + doc + "/comments");
        for (String bad : List.of(
                "limit=-1",
                "limit=0",
                "limit=1000000000000",
                "limit=501",
                "limit=1e3",
                "limit=abc",
                "limit=%20",
                "limit=0x10",
                "limit=NaN",
                "limit=1.5",
                "offset=-1",
                "offset=1000000000000",
                "offset=2147483648",
                "offset=abc",
                "offset=%00",
                "limit=" + "9".repeat(5000))) {
            for (String list : lists) {
                client.get(a, list + "?" + bad).assertProblem(400, "VALIDATION_FAILED");
            }
            client.admin("GET", "/tenants?" + bad, null).assertProblem(400, "VALIDATION_FAILED");
        }
        for (String list : lists) {
            JsonObject far =
                    client.get(a, list + "?offset=2147483647&limit=500").assertJson(200);
            assertEquals(0, far.getJsonArray("items").size(), far.toString());
            assertEquals(list.endsWith("comments") ? 0 : 1, far.getInt("total"));
        }
        JsonObject farTenants = client.admin("GET", "/tenants?offset=2147483647&limit=500", null)
                .assertJson(200);
        assertEquals(0, farTenants.getJsonArray("items").size());
        for (String bad : List.of("limit=-1", "limit=1000000000000", "limit=abc")) {
            Reply audit = client.admin("GET", "/audit?" + bad, null);
            audit.assertProblem(400, "VALIDATION_FAILED");
        }
    }

    @Test
    void pathTricksReachNothingTheyShouldNot() {
        String idOfB = client.postJson(b, "/api/documents", "{\"title\":\"B only\",\"content\":\"secret of B\"}")
                .assertJson(201)
                .getString("id");
        // Without credentials, no spelling of the admin API may answer.
        for (String path : List.of(
                "/api/admin;x=y/tenants",
                "/api/admin/tenants;x=y",
                "/api//admin/tenants",
                "//api/admin/tenants",
                "/api/%61dmin/tenants",
                "/api/admin%2Ftenants",
                "/api/documents/..%2F..%2Fadmin%2Ftenants",
                "/api/documents/%2e%2e/%2e%2e/admin/tenants",
                "/api/documents/../admin/tenants",
                "/api/./admin/tenants",
                "/api/admin/tenants/",
                "/API/admin/tenants",
                "/api/admin/tenants%00",
                "/api/admin/tenants?x=..%2F")) {
            Reply reply = raw(request("GET", a, path, "", null));
            if (reply.status() == 302 && reply.header("Location").endsWith("/admin/login.xhtml")) {
                // the server decoded and resolved the path to the console's /admin/tenants: its sign-in
                refusals.add("GET " + path + " without credentials: 302 to the console's sign-in page");
                continue;
            }
            assertProblemOrRefusal("GET " + path + " without credentials", reply, reply.status(), null, true);
            assertFalse(reply.body().contains(TenancyClient.idOf(b)), () -> path + " listed tenants: " + reply.body());
        }
        // Tenant paths bent towards another tenant's row, or the WAR's own files.
        for (String path : List.of(
                "/api/documents/x/../" + idOfB,
                "/api/documents/x%2F..%2F" + idOfB,
                "/api/documents/" + idOfB + ";x=y",
                "/api/documents;x=y/" + idOfB,
                "//api//documents//" + idOfB,
                "/api/documents/%2e%2e/documents/" + idOfB,
                "/WEB-INF/web.xml",
                "/%57EB-INF/web.xml",
                "/WEB-INF%2Fweb.xml",
                "/./WEB-INF/web.xml",
                "/admin/../WEB-INF/web.xml",
                "/admin/%2e%2e/WEB-INF/web.xml",
                "/META-INF/MANIFEST.MF",
                "/api/documents%2F" + idOfB,
                "/api/tenant/info/..;/..;/admin/tenants")) {
            Reply reply = raw(request("GET", a, path, "", null));
            assertFalse(reply.body().contains("secret of B"), () -> path + " showed B's row: " + reply.body());
            assertFalse(
                    reply.body().contains("<web-app") || reply.body().contains("Manifest-Version"),
                    () -> path + " served a file of the WAR");
            if (reply.status() == 302 && reply.header("Location").endsWith("/admin/login.xhtml")) {
                refusals.add("GET " + path + ": 302 to the console's sign-in page");
            } else if (reply.status() != 200) { // a path that normalises to one of A's own rows or lists is fine
                assertProblemOrRefusal("GET " + path, reply, reply.status(), null, true);
            }
        }
        assertEquals(
                "secret of B",
                client.get(b, "/api/documents/" + idOfB).assertJson(200).getString("content"));
    }

    @Test
    void idsOutOfRangeAreNotFound() {
        for (String id : List.of(
                "99999999999999999999999999999",
                "-1",
                "0",
                "a".repeat(2000),
                "%00",
                "%27%20OR%20%271%27%3D%271",
                "00000000-0000-0000-0000-000000000000",
                "%E2%80%AE",
                "null",
                "%20")) {
            boolean serverMayRefuse = id.equals("%00"); // some servers refuse an encoded NUL in a path themselves
            String what = "id " + (id.length() > 40 ? id.length() + " characters" : id);
            assertNotFound(what, client.get(a, "/api/documents/" + id), serverMayRefuse);
            assertNotFound(
                    what,
                    client.send(
                            "PUT",
                            a,
                            "/api/documents/" + id,
                            "application/json",
                            "{\"title\":\"t\",\"content\":\"c\"}"),
                    serverMayRefuse);
            assertNotFound(what, client.send("DELETE", a, "/api/documents/" + id, null, null), serverMayRefuse);
            assertNotFound(what, client.get(a, "/api/documents/" + id + "/comments"), serverMayRefuse);
            assertNotFound(
                    what,
                    client.postJson(a, "/api/documents/" + id + "/comments", "{\"text\":\"t\"}"),
                    serverMayRefuse);
            assertNotFound(
                    what,
                    client.send("DELETE", a, "/api/documents/" + id + "/comments/" + id, null, null),
                    serverMayRefuse);
            assertNotFound(what, client.admin("GET", "/tenants/" + id, null), serverMayRefuse);
            assertNotFound(
                    what,
                    client.admin("GET", "/tenants/" + TenancyClient.idOf(a) + "/users/" + id, null),
                    serverMayRefuse);
        }
        client.admin("GET", "/hosts/" + "a".repeat(2000), null).assertProblem(400, "HOST_INVALID");
        client.admin("PUT", "/tenants/" + TenancyClient.idOf(a) + "/hosts/" + "a".repeat(300) + ".test", null)
                .assertProblem(400, "HOST_INVALID");
        assertNothingStored(a);
    }

    /**
     * What a database column cannot hold is refused before the database, the same on H2 and
     * PostgreSQL (which answered these with a 500): U+0000 in the operator's list filters, roles
     * longer together than their column, and configurations longer than theirs. At the bound, all
     * is stored; one character over, nothing is.
     */
    @Test
    void filtersRolesAndConfigurationsBeyondTheirColumnsAreRefusedAndNothingIsStored() {
        String tenant = TenancyClient.idOf(a);
        for (String filter : List.of(
                "/tenants?q=%00",
                "/tenants?q=a%00b",
                "/audit?tenant=%00",
                "/audit?tenant=" + tenant + "%00",
                "/audit?event=%00",
                "/audit?tenant=" + tenant + "&event=LOGIN_FAILED%00")) {
            client.admin("GET", filter, null).assertProblem(400, "VALIDATION_FAILED");
        }

        // roles are stored joined by commas: 19 of 50 characters, one of 31 and 19 commas make 1,000
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            roles.add(String.format("r%02d", i) + "x".repeat(47));
        }
        String atTheBound = jsonStrings(roles, "r19" + "x".repeat(28));
        String overTheBound = jsonStrings(roles, "r19" + "x".repeat(29));
        client.createUser(a, "at-bound", "password-of-b", atTheBound);
        client.admin(
                        "POST",
                        "/tenants/" + tenant + "/users",
                        "{\"username\":\"over-bound\",\"password\":\"password-of-o\",\"roles\":" + overTheBound + "}")
                .assertProblem(400, "VALIDATION_FAILED");
        client.admin("GET", "/tenants/" + tenant + "/users/over-bound", null).assertProblem(404, "NOT_FOUND");
        client.admin("PUT", "/tenants/" + tenant + "/users/at-bound/roles", "{\"roles\":" + overTheBound + "}")
                .assertProblem(400, "VALIDATION_FAILED");
        assertEquals(
                20,
                client.admin("GET", "/tenants/" + tenant + "/users/at-bound", null)
                        .assertJson(200)
                        .getJsonArray("roles")
                        .size(),
                "the refused change left the roles as they were");
        client.admin(
                        "PUT",
                        "/tenants/" + tenant + "/users/at-bound/roles",
                        "{\"roles\":" + jsonStrings(roles, "r".repeat(50)) + "}")
                .assertProblem(400, "VALIDATION_FAILED");

        // a configuration is stored as its JSON, in at most 16,000 characters
        String id = "hostile-config-" + Long.toHexString(System.nanoTime());
        client.admin("POST", "/tenants", "{\"id\":\"" + id + "\",\"config\":" + configOfLength(16_001) + "}")
                .assertProblem(400, "VALIDATION_FAILED");
        client.admin("GET", "/tenants/" + id, null).assertProblem(404, "NOT_FOUND");
        JsonObject config = client.admin(
                        "POST", "/tenants", "{\"id\":\"" + id + "\",\"config\":" + configOfLength(16_000) + "}")
                .assertJson(201)
                .getJsonObject("config");
        assertEquals(16_000, config.toString().length(), "stored whole at the bound");
        client.admin("PATCH", "/tenants/" + id, "{\"config\":{\"features\":{\"z\":true}}}")
                .assertProblem(400, "VALIDATION_FAILED");
        assertEquals(
                config,
                client.admin("GET", "/tenants/" + id, null).assertJson(200).getJsonObject("config"),
                "the refused change left the configuration as it was");
        client.admin("DELETE", "/tenants/" + id, null).assertStatus(204);
    }

    // ---------------------------------------------------------------- headers and slow clients

    @Test
    void hugeHeadersAreRefusedOrIgnoredNeverAFailure() {
        String big = "x".repeat(64 * 1024);
        List<String[]> cases = List.of(
                new String[] {"a 64 KiB header", "X-Padding: " + big + "\r\n"},
                new String[] {"a 64 KiB cookie", "Cookie: JSESSIONID=" + big + "\r\n"},
                new String[] {"1,000 headers", "X-Many: 1\r\n".repeat(1000)},
                new String[] {"a 64 KiB Authorization", "Authorization: Basic " + big + "\r\n"});
        for (String[] c : cases) {
            Reply reply = rawOrClosed(request("GET", a, "/api/tenant/info", c[1], null));
            if (reply == null) {
                refusals.add(c[0] + ": connection closed without an answer");
                continue;
            }
            if (reply.status() == 200) {
                refusals.add(c[0] + ": accepted (200)");
                assertEquals(TenancyClient.idOf(a), reply.json().getString("tenant_id"));
            } else {
                assertProblemOrRefusal(c[0], reply, reply.status(), null, true);
            }
        }
        Reply host = rawOrClosed("GET /api/tenant/info HTTP/1.1\r\nHost: " + "a".repeat(64 * 1024)
                + ".test\r\nConnection: close\r\n\r\n");
        if (host == null) {
            refusals.add("a 64 KiB Host: connection closed without an answer");
        } else if (!"application/problem+json".equals(host.contentType())) {
            assertProblemOrRefusal("a 64 KiB Host", host, host.status(), null, true);
        } else {
            host.assertProblem(400, "HOST_INVALID");
        }
        client.get(a, "/api/tenant/info").assertStatus(200); // and the server still answers
    }

    /**
     * A client that sends its headers a byte per second: each server reads headers without a
     * request thread (NIO), so many such clients hold sockets, not threads; whether and when the
     * server drops them is printed and documented.
     */
    @Test
    void slowClientsDoNotHoldRequestThreads() throws Exception {
        int slowClients = 250;
        List<Socket> sockets = new ArrayList<>();
        byte[] head =
                ("GET /api/tenant/info HTTP/1.1\r\nHost: " + a + "\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII);
        try {
            for (int i = 0; i < slowClients; i++) {
                Socket socket = new Socket("127.0.0.1", client.port());
                socket.getOutputStream().write(head);
                sockets.add(socket);
            }
            long started = System.nanoTime();
            int open = sockets.size();
            long seconds = 0;
            while (seconds < 15 && open > 0) {
                Thread.sleep(1000);
                seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
                open = 0;
                for (Socket socket : sockets) {
                    if (trickle(socket)) {
                        open++;
                    }
                }
                // While the slow clients trickle, everyone else is answered.
                client.get(a, "/api/tenant/info").assertStatus(200);
            }
            refusals.add("slow clients (a header byte per second): " + open + " of " + slowClients
                    + " still open after " + seconds + " s; other requests answered meanwhile");
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        client.get(a, "/api/tenant/info").assertStatus(200);
    }

    /** @return whether the server kept the connection open for one more byte */
    private static boolean trickle(Socket socket) {
        if (socket.isClosed()) {
            return false;
        }
        try {
            socket.getOutputStream().write('x');
            socket.getOutputStream().flush();
            socket.setSoTimeout(1);
            try {
                if (socket.getInputStream().read() < 0) { // the server closed it, or answered
                    socket.close();
                    return false;
                }
                socket.close(); // an answer to a half-sent request: the server gave up on it
                return false;
            } catch (SocketTimeoutException stillWaiting) {
                return true;
            }
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed either way
            }
            return false;
        }
    }

    // ---------------------------------------------------------------- helpers

    private void assertNotFound(String what, Reply reply, boolean serverMayRefuse) {
        if (serverMayRefuse && !"application/problem+json".equals(reply.contentType())) {
            assertProblemOrRefusal(what, reply, reply.status(), null, true);
        } else {
            reply.assertProblem(404, "NOT_FOUND");
        }
    }

    private void assertNothingStored(String host) {
        int total = client.get(host, "/api/documents").assertJson(200).getInt("total");
        JsonObject tenants =
                client.admin("GET", "/tenants?q=hostile-&limit=500", null).assertJson(200);
        tenants.getJsonArray("items")
                .forEach(t -> assertFalse(
                        t.asJsonObject().getString("id").matches("hostile-(nested|nul|utf8)"),
                        () -> "a refused tenant was registered: " + t));
        assertTrue(total <= 1, "refused documents were stored: " + total); // 1: the test's own valid document, if any
    }

    /**
     * A 4xx problem document of the application with this status (and code), or, where
     * {@code serverMayRefuse}, a 4xx the server gave before the application (recorded for the docs).
     */
    private void assertProblemOrRefusal(String what, Reply reply, int status, String code, boolean serverMayRefuse) {
        assertTrue(
                reply.status() >= 400 && reply.status() < 500, () -> what + ": " + reply.status() + " " + reply.body());
        assertFalse(
                reply.body().contains("\tat ") || reply.body().contains("Exception"),
                () -> what + " leaks internals: " + reply.body());
        if ("application/problem+json".equals(reply.contentType())) {
            JsonObject problem =
                    reply.assertProblem(reply.status(), reply.json().getString("code"));
            if (code != null && !serverMayRefuse) {
                assertEquals(status, reply.status(), what);
                assertEquals(code, problem.getString("code"), what);
            }
        } else {
            assertTrue(
                    serverMayRefuse,
                    () -> what + ": not a problem document: " + reply.status() + " " + reply.headers() + " "
                            + reply.body());
            refusals.add(what + ": " + reply.status() + " "
                    + (reply.contentType().isEmpty() ? "(no body type)" : reply.contentType()) + " from the server");
        }
    }

    private static String jsonStrings(List<String> values, String last) {
        List<String> all = new ArrayList<>(values);
        all.add(last);
        return "[\"" + String.join("\",\"", all) + "\"]";
    }

    /**
     * A configuration whose JSON, as the server stores and shows it
     * ({@code {"features":{…},"limits":{},"branding":{}}}), has exactly {@code length} characters:
     * features {@code "f00000":true} (13 characters and a comma each), the first one's name
     * lengthened by what is left over.
     */
    private static String configOfLength(int length) {
        int entries = length - "{\"features\":{},\"limits\":{},\"branding\":{}}".length();
        int features = (entries + 1) / 14;
        int rest = entries - (features * 14 - 1);
        StringBuilder json = new StringBuilder("{\"features\":{");
        for (int i = 0; i < features; i++) {
            json.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(String.format("f%05d", i))
                    .append(i == 0 ? "x".repeat(rest) : "")
                    .append("\":true");
        }
        return json.append("}}").toString();
    }

    private static String request(String method, String host, String path, String headers, byte[] body) {
        return method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers + "Connection: close\r\n"
                + (body == null ? "" : "Content-Length: " + body.length + "\r\n") + "\r\n"
                + (body == null ? "" : new String(body, StandardCharsets.ISO_8859_1));
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Sends the request's characters as bytes one to one (ISO-8859-1), so any byte can be sent. */
    private Reply raw(String request) {
        Reply reply = rawOrClosed(request);
        assertTrue(reply != null, "the server closed the connection without an answer");
        return reply;
    }

    private Reply rawOrClosed(String request) {
        try (Socket socket = new Socket("127.0.0.1", client.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException refusedWhileSending) {
                // the server may answer and close before reading everything
            }
            InputStream in = socket.getInputStream();
            byte[] answer;
            try {
                answer = in.readAllBytes();
            } catch (IOException reset) {
                return null;
            }
            if (answer.length == 0) {
                return null;
            }
            return Reply.parse(new String(answer, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("raw request failed: " + e, e);
        }
    }
}
