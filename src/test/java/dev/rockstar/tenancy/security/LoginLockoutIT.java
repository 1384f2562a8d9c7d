package dev.rockstar.tenancy.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.RunsOnce;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TenancyClient.Reply;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Login throttling behind a trusted reverse proxy, deployed as README's checklist says
 * ({@code tenancy.forwarded-host.trusted=true}, the proxy's addresses, here loopback, in
 * {@code trusted-proxies}); each client is named by the {@code X-Forwarded-For} the proxy sends.
 * Guessers must not be able to lock out anyone else: the operator keeps the console (device
 * cookie), the admin API and {@code /metrics} (HTTP Basic's right password is never refused for a
 * lock), a tenant's user keeps logging in with its device cookie; one client's guesses at an
 * account are hashed one at a time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag(RunsOnce.TAG)
class LoginLockoutIT extends DeployedWarTest {

    private static final Pattern FORM_COOKIE = Pattern.compile("tenancy-sign-in=[^;,\\s]+");
    private static final Pattern DEVICE_COOKIE = Pattern.compile("(tenancy_device_[A-Za-z0-9_-]+)=([^;,\\s]+)([^,]*)");
    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;,\\s]+)");
    private static final Pattern HIDDEN = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");
    private static final Pattern ACTION = Pattern.compile(
            "<form[^>]*id=\"login\"[^>]*action=\"([^\"]*)\"|<form[^>]*action=\"([^\"]*)\"[^>]*id=\"login\"");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of(
                "tenancy.forwarded-host.trusted", "true", "tenancy.forwarded-host.trusted-proxies", "127.0.0.1, ::1"));
    }

    /**
     * Behind a trusted proxy, the client the proxy names is the one counted and audited, not the proxy.
     * First, as the next test locks the operator's name for every untrusted client for a while.
     */
    @Test
    @Order(1)
    void oneClientsWrongPasswordsNeverLockAnotherClient() {
        String host = client.newTenant("lockout-clients");
        client.createUser(host, "carol", "password-of-carol", "[]");
        for (int i = 0; i < 10; i++) {
            login(host, "carol", "guess-" + i, "203.0.113.21", null).assertProblem(401, "UNAUTHORIZED");
        }
        login(host, "carol", "password-of-carol", "203.0.113.21", null).assertProblem(429, "TOO_MANY_ATTEMPTS");
        login(host, "carol", "guess-b", "203.0.113.22", null).assertProblem(401, "UNAUTHORIZED");
        login(host, "carol", "password-of-carol", "203.0.113.22", null).assertJson(200);

        // audited with the client's address (entries of one client coalesced), never the proxy's
        client.awaitAudit(
                "tenant=" + TenancyClient.idOf(host) + "&event=LOGIN_FAILED",
                e -> "carol".equals(e.getString("actor")) && "203.0.113.21".equals(e.getString("remoteAddress")));
        client.awaitAudit(
                "tenant=" + TenancyClient.idOf(host) + "&event=LOGIN_FAILED",
                e -> "carol".equals(e.getString("actor")) && "203.0.113.22".equals(e.getString("remoteAddress")));

        // the operator's name: client A's guesses lock A, never B
        String name = "admin";
        for (int i = 0; i < 10; i++) {
            basic("/api/admin/tenants?limit=1", name, "guess-" + i, "203.0.113.31")
                    .assertProblem(401, "UNAUTHORIZED");
        }
        basic("/api/admin/tenants?limit=1", name, "guess-10", "203.0.113.31").assertProblem(429, "TOO_MANY_ATTEMPTS");
        basic("/api/admin/tenants?limit=1", name, "guess-b", "203.0.113.32").assertProblem(401, "UNAUTHORIZED");
        basic("/api/admin/tenants?limit=1", name, Deployments.ADMIN_PASSWORD, "203.0.113.31")
                .assertJson(200);
        JsonObject failed =
                client.awaitAudit("event=ADMIN_LOGIN_FAILED", e -> "203.0.113.31".equals(e.getString("remoteAddress")));
        assertEquals("admin", failed.getString("actor"));
    }

    /**
     * For the operator: a hundred and more wrong passwords from as many
     * made-up clients lock the operator's name for every client without its device cookie, and
     * nothing else: the console with the cookie, the admin API and {@code /metrics} with the right
     * password still answer; the lock is audited and counted.
     */
    @Test
    @Order(2)
    void guessersFromManyClientsNeverLockTheOperatorOut() {
        ConsoleReply first = consoleSignIn("198.51.100.77", null, Deployments.ADMIN_PASSWORD);
        assertTrue(first.signedIn(), first.reply().toString());
        Matcher cookie = DEVICE_COOKIE.matcher(first.reply().header("Set-Cookie"));
        assertTrue(cookie.find(), "a device cookie: " + first.reply().header("Set-Cookie"));
        String attributes = cookie.group(3);
        assertTrue(
                attributes.contains("HttpOnly")
                        && attributes.contains("SameSite=Strict")
                        && attributes.contains("Path=/admin/"),
                attributes);
        String device = cookie.group(1) + "=" + cookie.group(2);

        int refused = 0;
        for (int i = 0; i < 120; i++) {
            Reply guess =
                    basic("/api/admin/tenants?limit=1", "admin", "guess-" + i, "10.66." + (i / 200) + "." + (i % 200));
            refused += guess.status() == 429 ? 1 : 0;
            assertTrue(guess.status() == 401 || guess.status() == 429, () -> "a guess: " + guess.status());
        }
        assertTrue(refused > 0, "the operator's name is locked for untrusted clients after 100 failures");
        assertTrue(lockedForEveryUntrustedClient());

        // the console: a browser without the cookie is refused, the operator's is not
        ConsoleReply stranger = consoleSignIn("10.77.0.1", null, Deployments.ADMIN_PASSWORD);
        assertFalse(stranger.signedIn());
        assertTrue(
                stranger.reply().body().contains("Too many failed logins"),
                stranger.reply().body());
        ConsoleReply operator = consoleSignIn("198.51.100.78", device, Deployments.ADMIN_PASSWORD);
        assertTrue(operator.signedIn(), operator.reply().toString());
        assertEquals(
                200,
                client.get(
                                "localhost",
                                "/admin/tenants.xhtml",
                                "Cookie",
                                "JSESSIONID=" + operator.session(),
                                "X-Forwarded-For",
                                "198.51.100.78")
                        .status());

        // HTTP Basic: the right password is never refused, from any client
        for (String address : new String[] {"10.66.0.1", "10.88.0.1", null}) {
            basic("/api/admin/tenants?limit=1", "admin", Deployments.ADMIN_PASSWORD, address)
                    .assertJson(200);
            Reply scrape = address == null
                    ? client.metrics("/metrics", "text/plain")
                    : client.get(
                            "localhost",
                            "/metrics",
                            "Accept",
                            "text/plain",
                            "X-Forwarded-For",
                            address,
                            "Authorization",
                            TenancyClient.basic("admin", Deployments.ADMIN_PASSWORD));
            assertEquals(200, scrape.status(), scrape.body());
        }

        client.awaitAudit("event=ADMIN_LOGIN_LOCKED", e -> "admin".equals(e.getString("actor")));
        String series = client.metrics(Deployments.isPayara() ? "/metrics?scope=application" : "/metrics", "text/plain")
                .assertStatus(200)
                .body();
        Matcher failures = Pattern.compile("(?m)^tenancy_operator_login_failures_total\\{[^}]*\\} ([0-9.eE+]+)$")
                .matcher(series);
        assertTrue(failures.find(), series);
        assertTrue(Double.parseDouble(failures.group(1)) >= 120, failures.group());
    }

    /** For a tenant's user: its device cookie logs in while its account is locked for everyone else. */
    @Test
    void aUserWithItsDeviceCookieLogsInWhileTheAccountIsLockedForEveryoneElse() {
        String host = client.newTenant("lockout-device");
        client.createUser(host, "dora", "password-of-dora", "[]");
        Reply first =
                login(host, "dora", "password-of-dora", "198.51.100.5", null).assertStatus(200);
        Matcher cookie = DEVICE_COOKIE.matcher(first.header("Set-Cookie"));
        assertTrue(cookie.find(), "a device cookie: " + first.header("Set-Cookie"));
        assertTrue(
                cookie.group(3).contains("Path=/api/login")
                        && cookie.group(3).contains("HttpOnly")
                        && cookie.group(3).contains("SameSite=Strict"),
                cookie.group(3));
        String device = cookie.group(1) + "=" + cookie.group(2);

        for (int i = 0; i < 110; i++) {
            Reply guess = login(host, "dora", "guess-" + i, "10.55." + (i / 200) + "." + (i % 200), null);
            assertTrue(guess.status() == 401 || guess.status() == 429, guess::toString);
        }
        login(host, "dora", "password-of-dora", "10.99.0.1", null).assertProblem(429, "TOO_MANY_ATTEMPTS");
        Reply holder =
                login(host, "dora", "password-of-dora", "192.0.2.200", device).assertStatus(200);
        assertNull(deviceCookieOf(holder), "it keeps the one it has");
        client.awaitAudit(
                "tenant=" + TenancyClient.idOf(host) + "&event=LOGIN_LOCKED", e -> "dora".equals(e.getString("actor")));

        // forged, of another account, or of credentials since reset: an untrusted client, so refused now
        login(host, "dora", "password-of-dora", "198.51.100.5", cookie.group(1) + "=x" + cookie.group(2))
                .assertProblem(429, "TOO_MANY_ATTEMPTS");
        client.createUser(host, "eve", "password-of-eve", "[]");
        Reply eve = login(host, "eve", "password-of-eve", "198.51.100.6", null).assertStatus(200);
        String eveDevice = deviceCookieOf(eve);
        assertNotNull(eveDevice);
        login(host, "dora", "password-of-dora", "198.51.100.6", eveDevice).assertProblem(429, "TOO_MANY_ATTEMPTS");
        client.admin(
                        "PUT",
                        "/tenants/" + TenancyClient.idOf(host) + "/users/dora/password",
                        "{\"password\":\"new-password-of-dora\"}")
                .assertStatus(204);
        login(host, "dora", "new-password-of-dora", "198.51.100.5", device).assertProblem(429, "TOO_MANY_ATTEMPTS");
    }

    /** Concurrent guesses of one client at one account are not all hashed; the others 429 at once. */
    @Test
    void concurrentGuessesOfOneClientAtOneAccountAreHashedOneAtATime() throws Exception {
        String host = client.newTenant("lockout-race");
        client.createUser(host, "fay", "password-of-fay", "[]");
        int n = 6; // fewer than the ten failures that lock: the old code answered every one 401
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int guess = i;
                replies.add(pool.submit(() -> {
                    start.await();
                    return login(host, "fay", "guess-" + guess, "203.0.113.77", null);
                }));
            }
            int unauthorized = 0;
            int tooMany = 0;
            for (Future<Reply> reply : replies) {
                Reply answer = reply.get();
                if (answer.status() == 429) {
                    answer.assertProblem(429, "TOO_MANY_ATTEMPTS");
                    assertEquals("1", answer.header("Retry-After"));
                    tooMany++;
                } else {
                    answer.assertProblem(401, "UNAUTHORIZED");
                    unauthorized++;
                }
            }
            int hashed = unauthorized;
            assertTrue(tooMany >= 1 && hashed < n, () -> hashed + " hashed and answered 401 of " + n);
        } finally {
            pool.shutdownNow();
        }
    }

    private boolean lockedForEveryUntrustedClient() {
        return basic("/api/admin/tenants?limit=1", "admin", "probe", "10.200.0.1")
                        .status()
                == 429;
    }

    private Reply login(String host, String username, String password, String address, String cookie) {
        List<String> headers = new ArrayList<>(List.of("X-Forwarded-For", address));
        if (cookie != null) {
            headers.addAll(List.of("Cookie", cookie));
        }
        return client.postJson(
                host,
                "/api/login",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}",
                headers.toArray(String[]::new));
    }

    private Reply basic(String path, String user, String password, String address) {
        return address == null
                ? client.get("localhost", path, "Authorization", TenancyClient.basic(user, password))
                : client.get(
                        "localhost",
                        path,
                        "Authorization",
                        TenancyClient.basic(user, password),
                        "X-Forwarded-For",
                        address);
    }

    private static String deviceCookieOf(Reply reply) {
        String setCookie = reply.header("Set-Cookie");
        Matcher cookie = setCookie == null ? null : DEVICE_COOKIE.matcher(setCookie);
        return cookie != null && cookie.find() ? cookie.group(1) + "=" + cookie.group(2) : null;
    }

    private record ConsoleReply(Reply reply, String session) {
        boolean signedIn() {
            return reply.status() == 302 && reply.header("Location").contains("/admin/index.xhtml");
        }
    }

    /** The console's sign-in form as a browser sends it: the form's hidden fields, its cookies, from a client the proxy names. */
    private ConsoleReply consoleSignIn(String address, String device, String password) {
        Reply form = client.get("localhost", "/admin/login.xhtml", "X-Forwarded-For", address)
                .assertStatus(200);
        String session = sessionOf(form.header("Set-Cookie"));
        Matcher formCookie = FORM_COOKIE.matcher(String.valueOf(form.header("Set-Cookie")));
        Matcher action = ACTION.matcher(form.body());
        assertTrue(action.find(), form.body());
        String target = unescape(action.group(1) != null ? action.group(1) : action.group(2));
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = HIDDEN.matcher(form.body());
        while (hidden.find()) {
            Matcher name = NAME.matcher(hidden.group());
            Matcher value = VALUE.matcher(hidden.group());
            if (name.find()) {
                fields.put(unescape(name.group(1)), value.find() ? unescape(value.group(1)) : "");
            }
        }
        fields.put("login:username", "admin");
        fields.put("login:password", password);
        fields.put("login:sign-in", "Sign in");
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        List<String> cookies = new ArrayList<>();
        if (session != null) {
            cookies.add("JSESSIONID=" + session);
        }
        if (device != null) {
            cookies.add(device);
        }
        if (formCookie.find()) {
            cookies.add(formCookie.group()); // the sign-in form's CSRF cookie, which its token is signed over
        }
        List<String> headers = new ArrayList<>(List.of("X-Forwarded-For", address));
        if (!cookies.isEmpty()) {
            headers.addAll(List.of("Cookie", String.join("; ", cookies)));
        }
        Reply reply = client.send(
                "POST",
                "localhost",
                target,
                "application/x-www-form-urlencoded",
                body.toString(),
                headers.toArray(String[]::new));
        String after = sessionOf(reply.header("Set-Cookie"));
        return new ConsoleReply(reply, after != null ? after : session);
    }

    private static String sessionOf(String setCookie) {
        Matcher m = setCookie == null ? null : SESSION.matcher(setCookie);
        return m != null && m.find() ? m.group(1) : null;
    }

    private static String unescape(String html) {
        Matcher entity = Pattern.compile("&#(x?)([0-9A-Fa-f]+);")
                .matcher(html.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">"));
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            int code = Integer.parseInt(entity.group(2), entity.group(1).isEmpty() ? 10 : 16);
            entity.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) code)));
        }
        entity.appendTail(out);
        return out.toString().replace("&amp;", "&");
    }
}
