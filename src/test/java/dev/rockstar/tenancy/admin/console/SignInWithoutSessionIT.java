package dev.rockstar.tenancy.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The console's sign-in page, and every other page an anonymous visitor can
 * reach, opens no HTTP session; only a successful sign-in does (with a new id), and its form is
 * still safe from cross-site forgery without one. Plain HTTP, no browser, so it runs on every server.
 */
class SignInWithoutSessionIT extends DeployedWarTest {

    private static final Pattern SESSION_COOKIE = Pattern.compile("JSESSIONID=([^;,\\s]+)");
    private static final Pattern FORM_COOKIE = Pattern.compile("(tenancy-sign-in=[^;,\\s]+)");
    private static final Pattern HIDDEN = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>");
    private static final Pattern ATTRIBUTE = Pattern.compile("(name|value)=\"([^\"]*)\"");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void thirtyAnonymousVisitsOfTheSignInPageOnAnyHostOpenNoSession() {
        List<String> hosts = List.of("localhost", "admin.localhost", client.newTenant("signin-visits"));
        List<String> sessions = new ArrayList<>();
        List<TenancyClient.Reply> pages = new ArrayList<>();
        for (int visit = 0; visit < 30; visit++) {
            String host = hosts.get(visit % hosts.size());
            TenancyClient.Reply page = client.get(host, "/admin/login.xhtml");
            assertEquals(200, page.status(), host);
            assertTrue(page.body().contains("login:password"), "the sign-in form on " + host);
            sessionCookie(page).ifPresent(sessions::add);
            pages.add(page);
        }
        assertEquals(List.of(), sessions, "sessions opened by 30 anonymous visits of the sign-in page");
        // A browser keeps the form's cookie: its next visit gets no cookie at all.
        for (int visit = 0; visit < hosts.size(); visit++) {
            TenancyClient.Reply again =
                    client.get(hosts.get(visit), "/admin/login.xhtml", "Cookie", formCookie(pages.get(visit)));
            assertEquals(200, again.status());
            assertNull(again.header("Set-Cookie"), "a second visit with the form's cookie on " + hosts.get(visit));
        }
    }

    @Test
    void noOtherPageAnAnonymousVisitorReachesOpensASession() {
        String tenant = client.newTenant("signin-pages");
        List<String> opened = new ArrayList<>();
        for (String host : List.of("localhost", "admin.localhost", tenant, "unknown-host.test")) {
            for (String path : List.of(
                    "/",
                    "/index.xhtml",
                    "/admin",
                    "/admin/",
                    "/admin/index.xhtml",
                    "/admin/tenants.xhtml",
                    "/admin/tenant.xhtml?id=acme",
                    "/admin/no-such-page.xhtml",
                    "/no-such-page",
                    "/api/tenant/info",
                    "/api/me",
                    "/api/documents",
                    "/api/admin/tenants",
                    "/jakarta.faces.resource/console.css.xhtml?ln=console")) {
                TenancyClient.Reply reply = client.get(host, path);
                assertTrue(reply.status() < 500, host + path + " answered " + reply.status());
                sessionCookie(reply).ifPresent(id -> opened.add(host + path));
            }
            TenancyClient.Reply post =
                    client.send("POST", host, "/admin/tenants.xhtml", "application/x-www-form-urlencoded", "a=b");
            sessionCookie(post).ifPresent(id -> opened.add("POST " + host + "/admin/tenants.xhtml"));
        }
        assertEquals(List.of(), opened, "pages that opened a session for an anonymous visitor");
    }

    @Test
    void aFailedSignInOpensNoSessionAndASuccessfulOneOpensItWithANewId() {
        String host = client.newTenant("signin-fixation");
        Form form = Form.load(client, host, null);
        assertEquals("stateless", form.fields.get("jakarta.faces.ViewState"), "the sign-in view keeps no state");

        TenancyClient.Reply wrong = form.submit(client, "admin", "not-the-password", null);
        assertEquals(200, wrong.status(), wrong.toString());
        assertTrue(wrong.body().contains("Wrong username or password"), wrong.body());
        assertEquals(Optional.empty(), sessionCookie(wrong), "a failed sign-in opens no session");

        // A session the browser already has (here a tenant user's, as an attacker could plant one)
        // is not the one the operator ends up with.
        client.createUser(host, "fixed", "password-1234", "[]");
        String planted = "JSESSIONID=" + TenancyClient.sessionOf(client.login(host, "fixed", "password-1234"));
        client.get(host, "/api/me", "Cookie", planted).assertJson(200);
        Form withSession = Form.load(client, host, planted);
        TenancyClient.Reply signedIn = withSession.submit(client, "admin", Deployments.ADMIN_PASSWORD, planted);
        assertEquals(302, signedIn.status(), signedIn.toString());
        assertTrue(signedIn.header("Location").endsWith("/admin/index.xhtml"), signedIn.header("Location"));
        String session = "JSESSIONID="
                + sessionCookie(signedIn).orElseThrow(() -> new AssertionError("no session: " + signedIn));
        assertNotEquals(planted, session, "the session id must change at sign-in");
        TenancyClient.Reply console = client.get(host, "/admin/tenants.xhtml", "Cookie", session);
        assertEquals(200, console.status(), console.toString());
        assertEquals(401, client.get(host, "/api/me", "Cookie", planted).status(), "the planted id is gone");
        assertEquals(
                302, client.get(host, "/admin/tenants.xhtml", "Cookie", planted).status());

        // And without any session before: the sign-in opens one that the console honours.
        Form fresh = Form.load(client, "localhost", null);
        TenancyClient.Reply first = fresh.submit(client, "admin", Deployments.ADMIN_PASSWORD, null);
        assertEquals(302, first.status(), first.toString());
        String opened =
                "JSESSIONID=" + sessionCookie(first).orElseThrow(() -> new AssertionError("no session: " + first));
        assertEquals(
                200,
                client.get("localhost", "/admin/tenants.xhtml", "Cookie", opened)
                        .status());

        // Signed in, the sign-in page shows the sign-out form, which the same token guards.
        Form signOut = Form.load(client, "localhost", opened, "signout");
        Map<String, String> button = new LinkedHashMap<>(signOut.fields);
        button.put("signout:sign-out", "Sign out");
        Map<String, String> withoutToken = new LinkedHashMap<>(button);
        withoutToken.remove("sign-in-token");
        assertRefused(signOut.post(client, withoutToken, opened), "a sign-out without the token");
        TenancyClient.Reply signedOut = signOut.post(client, button, opened);
        assertEquals(302, signedOut.status(), signedOut.toString());
        assertTrue(signedOut.header("Location").endsWith("/admin/login.xhtml"), signedOut.header("Location"));
        assertEquals(
                302,
                client.get("localhost", "/admin/tenants.xhtml", "Cookie", opened)
                        .status(),
                "signed out");
    }

    @Test
    void aForgedSignInIsRefusedWithoutTheFormsTokenAndCookie() {
        Form form = Form.load(client, "localhost", null);
        Form other = Form.load(client, "localhost", null);
        String origin = "http://localhost"; // the Host header the client sends

        Map<String, String> noToken = form.filled("admin", Deployments.ADMIN_PASSWORD);
        noToken.remove("sign-in-token");
        assertRefused(post("localhost", noToken, "Cookie", form.cookie), "no token");
        assertRefused(post("localhost", noToken, "Cookie", form.cookie, "Origin", origin), "no token, own origin");

        Map<String, String> madeUp = form.filled("admin", Deployments.ADMIN_PASSWORD);
        String token = madeUp.get("sign-in-token");
        madeUp.put("sign-in-token", (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1)); // never the real one
        assertRefused(post("localhost", madeUp, "Cookie", form.cookie), "a made-up token");

        Map<String, String> good = form.filled("admin", Deployments.ADMIN_PASSWORD);
        assertRefused(post("localhost", good), "the token without its cookie");
        assertRefused(post("localhost", good, "Cookie", other.cookie), "the token with another load's cookie");
        assertRefused(
                post("localhost", good, "Cookie", "tenancy-sign-in=AAAAAAAAAAAAAAAAAAAAAA"),
                "a cookie of the forger's");
        assertRefused(
                post("localhost", good, "Cookie", form.cookie, "Origin", "http://evil.example"), "another origin");

        // The same form with its own token and cookie signs in, with or without Origin: the refusals
        // above are the token's and the origin's doing.
        TenancyClient.Reply genuine = post("localhost", good, "Cookie", form.cookie);
        assertEquals(302, genuine.status(), genuine.toString());
        assertTrue(sessionCookie(genuine).isPresent(), genuine.toString());
        TenancyClient.Reply again = post(
                "localhost",
                other.filled("admin", Deployments.ADMIN_PASSWORD),
                "Cookie",
                other.cookie,
                "Origin",
                origin);
        assertEquals(302, again.status(), again.toString());
    }

    private void assertRefused(TenancyClient.Reply reply, String what) {
        assertEquals(403, reply.status(), what + ": " + reply);
        assertEquals(Optional.empty(), sessionCookie(reply), what);
    }

    private TenancyClient.Reply post(String host, Map<String, String> fields, String... headers) {
        return client.send(
                "POST", host, "/admin/login.xhtml", "application/x-www-form-urlencoded", encode(fields), headers);
    }

    private static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Optional<String> sessionCookie(TenancyClient.Reply reply) {
        String cookies = reply.header("Set-Cookie");
        String last = null;
        if (cookies != null) {
            for (Matcher m = SESSION_COOKIE.matcher(cookies); m.find(); ) {
                last = m.group(1);
            }
        }
        return Optional.ofNullable(last);
    }

    private static String formCookie(TenancyClient.Reply page) {
        String cookies = page.header("Set-Cookie");
        assertNotNull(cookies, "the sign-in form's cookie");
        Matcher m = FORM_COOKIE.matcher(cookies);
        assertTrue(m.find(), cookies);
        for (String attribute : List.of("HttpOnly", "SameSite=Lax", "Path=/admin/")) {
            assertTrue(cookies.contains(attribute), attribute + " in " + cookies);
        }
        return m.group(1);
    }

    /** The sign-in form as a page load gave it: its hidden fields and the cookie that came with it. */
    private record Form(String host, Map<String, String> fields, String cookie) {

        static Form load(TenancyClient client, String host, String sessionCookie) {
            return load(client, host, sessionCookie, "login");
        }

        static Form load(TenancyClient client, String host, String sessionCookie, String formId) {
            TenancyClient.Reply page = sessionCookie == null
                    ? client.get(host, "/admin/login.xhtml")
                    : client.get(host, "/admin/login.xhtml", "Cookie", sessionCookie);
            assertEquals(200, page.status(), page.toString());
            int start = page.body().indexOf("id=\"" + formId + "\"");
            assertTrue(start > 0, page.body());
            String formHtml = page.body().substring(start, page.body().indexOf("</form>", start));
            Map<String, String> fields = new LinkedHashMap<>();
            for (Matcher input = HIDDEN.matcher(formHtml); input.find(); ) {
                Map<String, String> attributes = new LinkedHashMap<>();
                for (Matcher a = ATTRIBUTE.matcher(input.group()); a.find(); ) {
                    attributes.put(a.group(1), a.group(2));
                }
                fields.put(attributes.get("name"), attributes.getOrDefault("value", ""));
            }
            assertTrue(fields.containsKey("sign-in-token"), fields.toString());
            return new Form(host, fields, formCookie(page));
        }

        Map<String, String> filled(String username, String password) {
            Map<String, String> filled = new LinkedHashMap<>(fields);
            filled.put("login:username", username);
            filled.put("login:password", password);
            filled.put("login:sign-in", "Sign in");
            return filled;
        }

        TenancyClient.Reply submit(TenancyClient client, String username, String password, String sessionCookie) {
            return post(client, filled(username, password), sessionCookie);
        }

        /** As the browser that loaded the form posts it: with its cookie, from its own origin. */
        TenancyClient.Reply post(TenancyClient client, Map<String, String> body, String sessionCookie) {
            return client.send(
                    "POST",
                    host,
                    "/admin/login.xhtml",
                    "application/x-www-form-urlencoded",
                    encode(body),
                    "Cookie",
                    sessionCookie == null ? cookie : sessionCookie + "; " + cookie,
                    "Origin",
                    "http://" + host);
        }
    }
}
