package dev.rockstar.tenancy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks HTTP/1.1 to the deployed WAR on 127.0.0.1 with any Host header, as a browser on a
 * tenant's domain would. {@link #raw} sends bytes as they are, for hosts no HTTP client would send.
 */
public final class TenancyClient {

    private static final Pattern SESSION_ID = Pattern.compile("JSESSIONID=([^;,\\s]+)");

    static {
        // Failsafe passes it (pom.xml), an IDE does not; the JDK reads it once, when its client first loads.
        if (System.getProperty("jdk.httpclient.allowRestrictedHeaders") == null) {
            System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // HTTP/2 would drop the custom Host header
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final int port;
    private final Duration timeout;

    public TenancyClient(URL deployment) {
        assertNotNull(deployment, "the deployment failed: Arquillian has no URL for it");
        // Arquillian may report the machine's LAN address; the server listens on loopback too.
        this.port = deployment.getPort();
        this.timeout = Duration.ofSeconds(30);
    }

    public TenancyClient(int port) {
        this(port, Duration.ofSeconds(30));
    }

    /** @param timeout how long one request may take, the answer included */
    public TenancyClient(int port, Duration timeout) {
        this.port = port;
        this.timeout = timeout;
    }

    public int port() {
        return port;
    }

    public Reply get(String host, String path, String... headers) {
        return send("GET", host, path, null, null, headers);
    }

    public Reply postJson(String host, String path, String json, String... headers) {
        return send("POST", host, path, "application/json", json, headers);
    }

    /** An admin API call with the right credentials, on a host of no tenant. */
    /**
     * The newest audit entry of {@code query} (e.g. {@code "tenant=acme&event=LOGIN_FAILED"}) that
     * {@code matching} accepts: entries are written apart from the request, so this waits for one,
     * up to 30 s.
     */
    public JsonObject awaitAudit(String query, Predicate<JsonObject> matching) {
        return Wait.until(
                        "the audit entry of " + query + " that the test expects",
                        () -> admin("GET", "/audit?" + query + "&limit=1000", null)
                                .assertJson(200)
                                .getJsonArray("items")
                                .getValuesAs(JsonObject.class),
                        entries -> entries.stream().anyMatch(matching))
                .stream()
                .filter(matching)
                .findFirst()
                .orElseThrow();
    }

    public Reply admin(String method, String path, String json) {
        return send(
                method,
                "localhost",
                "/api/admin" + path,
                json == null ? null : "application/json",
                json,
                "Authorization",
                basic("admin", Deployments.ADMIN_PASSWORD));
    }

    /** An admin call that answers bytes (an archive): asserts 200 and returns them. */
    public byte[] adminDownload(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin" + path))
                .timeout(timeout)
                .header("Host", "localhost")
                .header("Authorization", basic("admin", Deployments.ADMIN_PASSWORD))
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(
                    200,
                    response.statusCode(),
                    () -> "GET " + path + ": " + new String(response.body(), StandardCharsets.UTF_8));
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** An admin call with a binary body (an archive, {@code application/zip}). */
    public Reply adminUpload(String method, String path, byte[] body) {
        return exchange(
                method,
                "localhost",
                "/api/admin" + path,
                "application/zip",
                HttpRequest.BodyPublishers.ofByteArray(body),
                "Authorization",
                basic("admin", Deployments.ADMIN_PASSWORD));
    }

    /** {@code /metrics} (or another path of it) as Prometheus scrapes it: with the operator's credentials. */
    public Reply metrics(String path, String accept) {
        return get("localhost", path, "Accept", accept, "Authorization", basic("admin", Deployments.ADMIN_PASSWORD));
    }

    /**
     * Registers a tenant of its own for a test, with one host {@code <id>.test}: in the PostgreSQL
     * run the database is shared by every test class, so no test may count on a clean tenant it
     * did not make.
     *
     * @return the tenant's host
     */
    public String newTenant(String prefix) {
        return newTenant(prefix, "shared");
    }

    /** {@link #newTenant(String)} with its rows in a placement ({@code shared}, or one of {@link Deployments#PLACEMENTS}). */
    public String newTenant(String prefix, String placement) {
        String id = prefix + "-" + Long.toHexString(System.nanoTime());
        admin(
                        "POST",
                        "/tenants",
                        "{\"id\":\"" + id + "\",\"hosts\":[\"" + id + ".test\"],\"placement\":\"" + placement + "\"}")
                .assertStatus(201);
        return id + ".test";
    }

    /** A document of the tenant on {@code host}, through its own API; its id. */
    public String newDocument(String host, String title, String content) {
        return postJson(host, "/api/documents", "{\"title\":\"" + title + "\",\"content\":\"" + content + "\"}")
                .assertJson(201)
                .getString("id");
    }

    /**
     * A move, polled until it is over ({@code done}: DONE or FAILED), at most 90 s: {@code move} is
     * its {@code Location} or its path under {@code /api/admin}.
     */
    public JsonObject awaitMoveEnd(String move) {
        String path = move.contains("/api/admin/") ? URI.create(move).getPath().substring("/api/admin".length()) : move;
        return Wait.until(
                "the move at " + path + " to end",
                Duration.ofSeconds(90),
                () -> admin("GET", path, null).assertJson(200),
                m -> m.getBoolean("done"));
    }

    /** A user of the tenant on {@code host}, through the admin API; {@code roles} is a JSON array. */
    public JsonObject createUser(String host, String username, String password, String roles) {
        return admin(
                        "POST",
                        "/tenants/" + idOf(host) + "/users",
                        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"roles\":" + roles + "}")
                .assertJson(201);
    }

    public Reply login(String host, String username, String password) {
        return postJson(host, "/api/login", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    /** The session id a login answered with. */
    public static String sessionOf(Reply reply) {
        String cookie = reply.header("Set-Cookie");
        assertNotNull(cookie, "a session cookie");
        Matcher m = SESSION_ID.matcher(cookie);
        assertTrue(m.find(), cookie);
        return m.group(1);
    }

    public static String idOf(String host) {
        return host.substring(0, host.indexOf('.'));
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Reply send(String method, String host, String path, String contentType, String body, String... headers) {
        return exchange(
                method,
                host,
                path,
                contentType,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8),
                headers);
    }

    /** A body streamed without a length, as {@code Transfer-Encoding: chunked}. */
    public Reply sendChunked(
            String method, String host, String path, String contentType, byte[] body, String... headers) {
        return exchange(
                method,
                host,
                path,
                contentType,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                headers);
    }

    private Reply exchange(
            String method,
            String host,
            String path,
            String contentType,
            HttpRequest.BodyPublisher body,
            String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(timeout)
                .header("Host", host)
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.headers().map().forEach((name, values) -> responseHeaders.put(name, String.join(",", values)));
            return new Reply(response.statusCode(), responseHeaders, response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " on " + host + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Sends a request exactly as written (CRLFs included) and reads the answer until the server closes. */
    public Reply raw(String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            return Reply.parse(text);
        } catch (IOException e) {
            throw new AssertionError("raw request failed: " + e, e);
        }
    }

    /** An HTTP answer, with the assertions every test makes of one. */
    public record Reply(int status, Map<String, String> headers, String body) {

        /** An answer as it came over the wire, for tests that send their own bytes. */
        public static Reply parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(
                            lines[i].substring(0, colon).strip(),
                            lines[i].substring(colon + 1).strip());
                }
            }
            if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
                body = dechunk(body);
            }
            return new Reply(status, headers, body);
        }

        private static String dechunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (at < chunked.length()) {
                int lineEnd = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(
                        chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
                if (size == 0) {
                    break;
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
            return body.toString();
        }

        public String header(String name) {
            return headers.get(name);
        }

        public String contentType() {
            String type = headers.getOrDefault("Content-Type", "");
            int semicolon = type.indexOf(';');
            return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        }

        public JsonObject json() {
            try {
                return Json.createReader(new StringReader(body)).readObject();
            } catch (RuntimeException e) {
                throw new AssertionError("not a JSON object (status " + status + "): " + body, e);
            }
        }

        public Reply assertStatus(int expected) {
            assertEquals(expected, status, () -> "status; body: " + body);
            return this;
        }

        /** The problem+json error shape, with a code and the status that code has (docs/HTTP-API.md). */
        public JsonObject assertProblem(int expectedStatus, String expectedCode) {
            assertStatus(expectedStatus);
            assertEquals("application/problem+json", contentType(), () -> "media type; body: " + body);
            JsonObject problem = json();
            assertEquals(expectedCode, problem.getString("code"), body);
            assertEquals(expectedStatus, problem.getInt("status"), body);
            assertFalse(problem.getString("type").isBlank(), body);
            assertFalse(problem.getString("title").isBlank(), body);
            assertFalse(problem.getString("detail").isBlank(), body);
            // "field" only when the problem is about one field of the input
            boolean field = problem.containsKey("field");
            assertTrue(!field || !problem.getString("field").isBlank(), body);
            // "instance": the request's id, as in its X-Request-Id header and on its log lines
            assertNotNull(header("X-Request-Id"), () -> "X-Request-Id; body: " + body);
            assertEquals(header("X-Request-Id"), problem.getString("instance", null), body);
            assertEquals(
                    field ? 7 : 6,
                    problem.size(),
                    () -> "exactly type, title, status, detail, code, instance (, field): " + body);
            assertFalse(
                    body.contains("Exception") || body.contains("\tat ") || body.contains("<html"),
                    () -> "leaks internals: " + body);
            return problem;
        }

        public JsonObject assertJson(int expectedStatus) {
            assertStatus(expectedStatus);
            assertTrue(contentType().equals("application/json"), () -> "media type " + contentType() + "; " + body);
            return json();
        }
    }
}
