package dev.rockstar.tenancy.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.DocumentCountProbe;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.Wait;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The admin console in a real browser: everything docs/CONSOLE.md says a user can see and do. The
 * full suite runs once, on Payara Micro and H2 ({@value #TAG}, see docs/TESTING.md); every server
 * runs {@link ConsoleSmokeIT}.
 */
@Tag(ConsoleIT.TAG)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT extends DeployedWarTest {

    static final String TAG = "console-full";
    private static final List<String> PAGES = List.of(
            "/admin/",
            "/admin/index.xhtml",
            "/admin/tenants.xhtml",
            "/admin/new-tenant.xhtml",
            "/admin/tenant.xhtml?id=acme",
            "/admin/delete-tenant.xhtml?id=acme",
            "/admin/audit.xhtml");

    private static ConsoleBrowser browser;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addClass(DocumentCountProbe.class);
    }

    @BeforeEach
    void freshBrowserSession() {
        if (browser == null) {
            browser = new ConsoleBrowser(client.port());
        }
        browser.resize(1280, 900);
        browser.open("/admin/login.xhtml");
        browser.driver.manage().deleteAllCookies();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void everyConsolePageWithoutASessionLeadsToTheSignInFormAndAWrongPasswordIsRefused() {
        for (String page : PAGES) {
            browser.driver.manage().deleteAllCookies();
            browser.open(page);
            assertEquals("/admin/login.xhtml", browser.currentPath(), page);
            assertNotNull(browser.driver.findElement(By.id("login:password")), page);
        }
        // Not even a POST gets through, nor the API's HTTP Basic on the console.
        TenancyClient.Reply post =
                client.send("POST", "localhost", "/admin/tenants.xhtml", "application/x-www-form-urlencoded", "a=b");
        assertEquals(302, post.status());
        assertTrue(post.header("Location").endsWith("/admin/login.xhtml"), post.header("Location"));
        assertEquals(
                302,
                client.get(
                                "localhost",
                                "/admin/",
                                "Authorization",
                                TenancyClient.basic("admin", Deployments.ADMIN_PASSWORD))
                        .status());
        // Spellings the container reads as /admin/... are the console for the check too: the sign-in
        // form, never the API's Basic (which would open a browser's own password dialog)
        for (String spelling : new String[] {"/admin;x=1/tenants.xhtml", "/%61dmin/tenants.xhtml"}) {
            TenancyClient.Reply reply = client.get(
                    "localhost", spelling, "Authorization", TenancyClient.basic("admin", Deployments.ADMIN_PASSWORD));
            // Payara sends the ;x=1 spelling to its canonical path first (301); either way no page
            // of the console, and no Basic challenge
            assertTrue(reply.status() == 301 || reply.status() == 302, spelling + " " + reply.status());
            assertEquals(null, reply.header("WWW-Authenticate"), spelling);
            if (reply.status() == 302) {
                assertTrue(
                        reply.header("Location").endsWith("/admin/login.xhtml"),
                        spelling + " " + reply.header("Location"));
            }
        }
        // A form's action never runs on a GET, view state or not
        assertEquals(
                405,
                client.get("localhost", "/admin/login.xhtml?login=login&jakarta.faces.ViewState=x")
                        .status());

        browser.signIn("localhost", "admin", "not-the-password");
        assertEquals("/admin/login.xhtml", browser.currentPath());
        assertTrue(browser.text("messages").contains("Wrong username or password"), browser.text("messages"));
        browser.open("/admin/tenants.xhtml");
        assertEquals("/admin/login.xhtml", browser.currentPath());
        client.awaitAudit(
                "event=ADMIN_LOGIN_FAILED", entry -> entry.getString("actor").equals("admin"));

        // The API keeps HTTP Basic.
        client.admin("GET", "/tenants?limit=1", null).assertJson(200);
    }

    @Test
    void signInChangesTheSessionIdAnswersOnAnyHostAndSignOutEndsIt() {
        browser.openOn("admin.localhost", "/admin/login.xhtml");
        assertNull(browser.cookie("JSESSIONID"), "the sign-in form opens no session (SignInWithoutSessionIT)");
        browser.signIn("admin.localhost", "admin", "not-the-password");
        assertNull(browser.cookie("JSESSIONID"), "nor does a failed sign-in");
        // A session the browser already has (a tenant user's here) is not the one signed in.
        String planted = "planted-" + Long.toHexString(System.nanoTime());
        browser.driver.manage().addCookie(new org.openqa.selenium.Cookie("JSESSIONID", planted, "/"));
        browser.signIn("admin.localhost", "admin", Deployments.ADMIN_PASSWORD);
        assertEquals("/admin/index.xhtml", browser.currentPath());
        assertEquals("admin", browser.text("operator"));
        String after = browser.cookie("JSESSIONID");
        assertNotNull(after);
        assertNotEquals(planted, after, "the session id must change at sign-in");

        browser.click("signout:sign-out");
        assertEquals("/admin/login.xhtml", browser.currentPath());
        browser.openOn("admin.localhost", "/admin/tenants.xhtml");
        assertEquals("/admin/login.xhtml", browser.currentPath());
    }

    @Test
    void aTenantUsersSessionNeverOpensTheConsole() {
        String host = client.newTenant("console-user");
        client.admin(
                        "POST",
                        "/tenants/" + TenancyClient.idOf(host) + "/users",
                        "{\"username\":\"tenant-admin\",\"password\":\"password-1234\",\"roles\":[\"Tenancy-Admin\"]}")
                .assertProblem(400, "VALIDATION_FAILED");
        client.admin(
                        "POST",
                        "/tenants/" + TenancyClient.idOf(host) + "/users",
                        "{\"username\":\"tenant-admin\",\"password\":\"password-1234\",\"roles\":[\"admin\"]}")
                .assertStatus(201);
        TenancyClient.Reply login =
                client.postJson(host, "/api/login", "{\"username\":\"tenant-admin\",\"password\":\"password-1234\"}");
        login.assertStatus(200);
        String cookie = "JSESSIONID=" + TenancyClient.sessionOf(login); // not the device cookie beside it
        client.get(host, "/api/me", "Cookie", cookie).assertJson(200);

        TenancyClient.Reply console = client.get(host, "/admin/tenants.xhtml", "Cookie", cookie);
        assertEquals(302, console.status(), "a tenant user's session, even of a tenant's admin");
        assertTrue(console.header("Location").endsWith("/admin/login.xhtml"));
    }

    @Test
    void aTenantCreatedInTheFormWithTwoHostsAnswersOnEitherAtOnce() {
        String id = "console-new-" + Long.toHexString(System.nanoTime());
        browser.signIn()
                .open("/admin/new-tenant.xhtml")
                .fill("create:id", id)
                .fill("create:name", "Console Corp")
                .fill("create:hosts", id + ".test\nwww." + id + ".test")
                .fill("create:features", "exports")
                .fill("create:limits", "maxDocuments=10")
                .fill("create:primaryColor", "#336699")
                .click("create:create-button");
        assertEquals("/admin/tenant.xhtml", browser.currentPath().replaceAll("\\?.*", ""));
        assertEquals("Console Corp", browser.text("tenant-heading"));
        assertTrue(browser.text("messages").contains("Tenant " + id + " created"));

        for (String host : List.of(id + ".test", "www." + id + ".test")) {
            JsonObject info = client.get(host, "/api/tenant/info").assertJson(200);
            assertEquals(id, info.getString("tenant_id"));
        }
        JsonObject tenant = client.admin("GET", "/tenants/" + id, null).assertJson(200);
        assertEquals(10, tenant.getJsonObject("config").getJsonObject("limits").getInt("maxDocuments"));
        assertTrue(tenant.getJsonObject("config").getJsonObject("features").getBoolean("exports"));
        assertEquals(
                "#336699",
                tenant.getJsonObject("config").getJsonObject("branding").getString("primaryColor"));
    }

    @Test
    void theTenantsPageSearchesAndPagesTenThousandTenantsInTheDatabase() {
        String stamp = "bulk-" + Long.toHexString(System.nanoTime());
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            lines.append(String.format(
                    "{\"id\":\"%s-%05d\",\"name\":\"Bulk %05d\",\"hosts\":[\"%s-%05d.test\"]}%n",
                    stamp, i, i, stamp, i));
        }
        assertEquals(
                10_000,
                client.send(
                                "POST",
                                "localhost",
                                "/api/admin/tenants/import",
                                "application/x-ndjson",
                                lines.toString(),
                                "Authorization",
                                TenancyClient.basic("admin", Deployments.ADMIN_PASSWORD))
                        .assertJson(200)
                        .getInt("registered"));

        browser.signIn();
        browser.open("/admin/tenants.xhtml?q=" + stamp + "&page=250");
        assertEquals("5001–5020 of 10000", browser.text("showing"));
        List<String> ids =
                browser.all(".tenant-link").stream().map(WebElement::getText).toList();
        assertEquals(20, ids.size());
        assertEquals(stamp + "-05000", ids.get(0));
        assertEquals(stamp + "-05019", ids.get(19));
        // No timing here (tests assert no times): that the console pages in the database is shown
        // by TenantRegistry's search query (offset/limit in SQL) and by the rows on the page.

        browser.open("/admin/tenants.xhtml?q=" + stamp + "-09999.test");
        assertEquals(
                List.of(stamp + "-09999"),
                browser.all(".tenant-link").stream().map(WebElement::getText).toList());
        browser.open("/admin/tenants.xhtml?q=bulk%2009998&status=ACTIVE");
        assertTrue(
                browser.all(".tenant-link").stream().map(WebElement::getText).anyMatch((stamp + "-09998")::equals),
                "found by its name");
        browser.open("/admin/tenants.xhtml?q=" + stamp + "&status=SUSPENDED");
        assertEquals("0–0 of 0", browser.text("showing"));
    }

    @Test
    void validationMessagesAppearNextToTheirFieldsAndNothingIsSaved() {
        String id = "console-invalid-" + Long.toHexString(System.nanoTime());
        browser.signIn()
                .open("/admin/new-tenant.xhtml")
                .fill("create:id", "Not An Id!")
                .fill("create:hosts", "acme.test")
                .fill("create:primaryColor", "blue")
                .fill("create:limits", "maxWidgets=3")
                .click("create:create-button");
        // The settings are read first, as the API reads its config: the unknown limit.
        assertTrue(
                browser.text("create:limits-message").contains("maxWidgets is not a known limit"),
                browser.text("create:limits-message"));

        browser.fill("create:limits", "maxDocuments=3").click("create:create-button");
        assertTrue(
                browser.text("create:primaryColor-message").contains("must be a colour"),
                browser.text("create:primaryColor-message"));

        browser.fill("create:primaryColor", "#123456").click("create:create-button");
        assertTrue(browser.text("create:id-message").contains("id must match"), browser.text("create:id-message"));
        assertEquals("", browser.text("create:primaryColor-message"));

        browser.fill("create:id", id).click("create:create-button");
        assertTrue(
                browser.text("create:hosts-message").contains("owned by another tenant"),
                browser.text("create:hosts-message"));
        browser.screenshot("new-tenant-refused");

        client.admin("GET", "/tenants/" + id, null).assertProblem(404, "NOT_FOUND");
        assertEquals(
                "acme",
                client.admin("GET", "/hosts/acme.test", null).assertJson(200).getString("tenantId"));
        assertEquals(
                0, client.admin("GET", "/tenants?q=" + id, null).assertJson(200).getInt("total"));
    }

    @Test
    void refusalsOnTheTenantPageAppearNextToTheirFieldsAndNothingIsSaved() {
        String host = client.newTenant("console-fields");
        String id = TenancyClient.idOf(host);
        browser.signIn().open("/admin/tenant.xhtml?id=" + id);

        browser.fill("hosts:host", "10.0.0.1").click("hosts:add-host");
        assertTrue(browser.text("hosts:host-message").contains("IP address"), browser.text("hosts:host-message"));
        browser.fill("hosts:host", "ACME.test").click("hosts:add-host");
        assertTrue(
                browser.text("hosts:host-message").contains("owned by another tenant"),
                browser.text("hosts:host-message"));

        browser.fill("settings:name", "n".repeat(201)).click("settings:save");
        assertTrue(
                browser.text("settings:name-message").contains("name must have"),
                browser.text("settings:name-message"));
        browser.fill("settings:name", "Fields Corp")
                .fill("settings:logoUrl", "javascript:alert(1)")
                .click("settings:save");
        assertTrue(
                browser.text("settings:logoUrl-message").contains("must be an http or https URL"),
                browser.text("settings:logoUrl-message"));
        assertEquals("", browser.text("settings:name-message"));

        browser.fill("users:username", "bad name")
                .fill("users:password", "long enough")
                .click("users:add-user");
        assertTrue(
                browser.text("users:username-message").contains("username must have"),
                browser.text("users:username-message"));
        browser.fill("users:username", "fine")
                .fill("users:password", "long enough")
                .fill("users:roles", "manager, tenancy-admin")
                .click("users:add-user");
        assertTrue(
                browser.text("users:roles-message").contains("must not start with 'tenancy-'"),
                browser.text("users:roles-message"));
        browser.fill("users:username", "fine")
                .fill("users:password", "short")
                .fill("users:roles", "manager")
                .click("users:add-user");
        assertTrue(
                browser.text("users:password-message").contains("password must have"),
                browser.text("users:password-message"));
        assertEquals("", browser.text("users:username-message"));

        JsonObject tenant = client.admin("GET", "/tenants/" + id, null).assertJson(200);
        assertEquals(List.of(host), tenant.getJsonArray("hosts").getValuesAs(JsonString::getString));
        assertFalse(tenant.getString("name").equals("Fields Corp"), tenant.toString());
        assertEquals(
                0,
                client.admin("GET", "/tenants/" + id + "/users", null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .size());
    }

    @Test
    void aTenantCreatedInAPlacementMovesToAnotherFromItsPageAndARefusedMoveIsShownAtItsField() {
        String id = "console-placed-" + Long.toHexString(System.nanoTime());
        String host = id + ".test";
        String page = "/admin/tenant.xhtml?id=" + id;
        browser.signIn()
                .open("/admin/new-tenant.xhtml")
                .fill("create:id", id)
                .fill("create:name", "Placed Ltd")
                .fill("create:hosts", host)
                .select("create:placement", "premium")
                .click("create:create-button");
        assertEquals("premium", browser.text("tenant-placement"), browser.text("messages"));
        client.postJson(host, "/api/documents", "{\"title\":\"kept\",\"content\":\"c\"}")
                .assertStatus(201);
        browser.open("/admin/tenants.xhtml?q=" + id);
        assertEquals(List.of("premium"), texts(".tenant-placement"));

        // Every placement but its own; the move runs on after the POST, and a reload shows how far it got
        browser.open(page);
        assertEquals(List.of("shared", "eu"), browser.options("move:target"));
        browser.select("move:target", "eu").click("move:move-button");
        assertTrue(browser.text("messages").contains("from premium to eu"), browser.text("messages"));
        awaitOnPage(() -> texts(".move-history-state").equals(List.of("DONE")), page);
        assertEquals("eu", browser.text("tenant-placement"));
        assertTrue(browser.all("#move-under-way").isEmpty(), "no move under way once it is done");
        assertEquals(List.of("premium → eu"), texts(".move-route"));
        assertTrue(
                Long.parseLong(texts(".move-rows").get(0)) >= 1,
                texts(".move-rows").toString());
        assertFalse(texts(".move-read-only").get(0).isBlank());
        assertEquals(List.of("kept"), titles(host));
        assertEquals(
                "eu",
                client.admin("GET", "/tenants/" + id, null).assertJson(200).getString("placement"));
        client.awaitAudit(
                "tenant=" + id,
                e -> e.getString("event").equals("TENANT_MOVE_STARTED")
                        && e.getString("actor").equals("admin"));

        // A move started meanwhile (by the API): the page's own is refused at its field, and starts none
        browser.open(page);
        assertEquals(List.of("shared", "premium"), browser.options("move:target"));
        client.admin("PUT", "/tenants/" + id + "/placement", "{\"placement\":\"shared\"}")
                .assertStatus(202);
        browser.select("move:target", "shared").click("move:move-button");
        assertTrue(browser.text("move:target-message").contains(id), browser.text("move:target-message"));
        assertEquals(
                List.of("eu → shared", "premium → eu"),
                texts(".move-route"),
                "the moves as they are now, the API's too");
        // docs/console-tenant-moves.png: the refusal and the moves, the API's likely still under way
        ((JavascriptExecutor) browser.driver).executeScript("document.getElementById('placement').scrollIntoView();");
        browser.screenshot("tenant-moves");
        // A placement the select does not offer (a forged form) is refused there too
        ((JavascriptExecutor) browser.driver)
                .executeScript("document.getElementById('move:target').options[0].value = 'nowhere';");
        browser.select("move:target", "nowhere").click("move:move-button");
        assertFalse(browser.text("move:target-message").isBlank(), "a placement not offered is refused");
        assertEquals(
                2,
                client.admin("GET", "/tenants/" + id + "/moves", null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .size());
    }

    @Test
    void suspendThenReactivateFromTheDetailPage() {
        String host = client.newTenant("console-suspend");
        String id = TenancyClient.idOf(host);
        client.get(host, "/api/tenant/info").assertJson(200);

        browser.signIn().open("/admin/tenant.xhtml?id=" + id).click("status:suspend");
        assertEquals("SUSPENDED", browser.text("tenant-status"));
        client.get(host, "/api/tenant/info").assertProblem(403, "TENANT_INACTIVE");

        browser.click("status:reactivate");
        assertEquals("ACTIVE", browser.text("tenant-status"));
        client.get(host, "/api/tenant/info").assertJson(200);
    }

    @Test
    void aTenantsQueryLogIsTurnedOnReadAndOffFromItsPage() {
        String host = client.newTenant("console-querylog");
        String other = client.newTenant("console-querylog-other");
        String id = TenancyClient.idOf(host);

        browser.signIn()
                .open("/admin/tenant.xhtml?id=" + id)
                .fill("query-log:minutes", "0")
                .click("query-log:query-log-on");
        assertFalse(browser.text("query-log:minutes-message").isBlank(), "0 minutes refused at the field");
        assertEquals("Off", browser.text("query-log:query-log-state"));

        browser.fill("query-log:minutes", "5");
        browser.driver.findElement(By.id("query-log:values")).click();
        browser.click("query-log:query-log-on");
        assertTrue(browser.text("query-log:query-log-state").startsWith("On until"), browser.text("messages"));
        client.newDocument(host, "console-visible", "x");
        client.newDocument(other, "console-other", "y");
        browser.open("/admin/tenant.xhtml?id=" + id);
        String statements = browser.text("statements");
        assertTrue(statements.contains("console-visible"), statements);
        assertFalse(statements.contains("console-other"), statements);

        browser.click("query-log:query-log-off");
        assertEquals("Off", browser.text("query-log:query-log-state"));
        assertTrue(browser.all("#statements").isEmpty());
        assertFalse(client.admin("GET", "/tenants/" + id + "/query-log", null)
                .assertJson(200)
                .getBoolean("on"));
    }

    @Test
    void makeReadOnlyThenWritableAgainFromTheDetailPageFoundByItsStatus() {
        String host = client.newTenant("console-read-only");
        String id = TenancyClient.idOf(host);
        String document = "{\"title\":\"t\",\"content\":\"c\"}";

        browser.signIn().open("/admin/tenant.xhtml?id=" + id).click("status:make-read-only");
        assertEquals("READ_ONLY", browser.text("tenant-status"));
        client.get(host, "/api/tenant/info").assertJson(200);
        client.postJson(host, "/api/documents", document).assertProblem(503, "TENANT_READ_ONLY");
        browser.open("/admin/tenants.xhtml?q=" + id + "&status=READ_ONLY");
        assertEquals(
                List.of(id),
                browser.all(".tenant-link").stream().map(WebElement::getText).toList());
        browser.open("/admin/");
        assertTrue(Long.parseLong(browser.text("read-only-count")) >= 1, browser.text("read-only-count"));

        browser.open("/admin/tenant.xhtml?id=" + id).click("status:make-writable");
        assertEquals("ACTIVE", browser.text("tenant-status"));
        client.postJson(host, "/api/documents", document).assertStatus(201);
        browser.open("/admin/tenants.xhtml?q=" + id + "&status=READ_ONLY");
        assertEquals("0–0 of 0", browser.text("showing"));
    }

    @Test
    void deleteWithTheTypedConfirmationRemovesTheTenantsDocumentsAndNoOneElses() {
        String doomed = client.newTenant("console-doomed");
        String kept = client.newTenant("console-kept");
        for (String host : List.of(doomed, doomed, kept)) {
            client.postJson(host, "/api/documents", "{\"title\":\"" + System.nanoTime() + "\",\"content\":\"c\"}")
                    .assertJson(201);
        }
        String id = TenancyClient.idOf(doomed);

        browser.signIn().open("/admin/tenant.xhtml?id=" + id).click("delete-link");
        String warning = browser.text("what-goes");
        assertTrue(warning.contains(doomed), warning);
        assertTrue(warning.contains("2 Document"), warning);

        browser.fill("delete:confirmation", "not-" + id).click("delete:delete-button");
        assertTrue(browser.text("delete:confirmation-message").contains("type the tenant id"));
        client.admin("GET", "/tenants/" + id, null).assertJson(200);

        browser.fill("delete:confirmation", id).click("delete:delete-button");
        assertEquals("/admin/tenants.xhtml", browser.currentPath());
        assertTrue(browser.text("messages").contains("Tenant " + id + " deleted"));

        client.admin("GET", "/tenants/" + id, null).assertProblem(404, "NOT_FOUND");
        client.get(doomed, "/api/documents").assertProblem(404, "TENANT_NOT_FOUND");
        // Registered again, the id starts with nothing: its documents went with it.
        client.admin("POST", "/tenants", "{\"id\":\"" + id + "\",\"hosts\":[\"" + doomed + "\"]}")
                .assertStatus(201);
        assertEquals(0, client.get(doomed, "/api/documents").assertJson(200).getInt("total"));
        assertEquals(1, client.get(kept, "/api/documents").assertJson(200).getInt("total"));
    }

    @Test
    void markupInNamesBrandingAndAuditDetailsIsShownAsTextAndNoScriptRuns() {
        browser.requireChromium("whether a script runs shows only in a browser that runs scripts");
        String id = "console-xss-" + Long.toHexString(System.nanoTime());
        String name = "<script>alert(1)</script>";
        String display = "<b>bold</b><img src=x onerror=alert(2)>";
        browser.signIn()
                .open("/admin/new-tenant.xhtml")
                .fill("create:id", id)
                .fill("create:name", name)
                .fill("create:hosts", id + ".test")
                .fill("create:displayName", display)
                .click("create:create-button");
        assertEquals(name, browser.text("tenant-heading"));
        assertEquals(
                display,
                browser.driver.findElement(By.id("settings:displayName")).getAttribute("value"));
        assertNoScriptRan();

        browser.fill("settings:name", name + " again").click("settings:save");
        browser.open("/admin/tenants.xhtml?q=" + id);
        assertEquals(name + " again", browser.all(".tenant-name").get(0).getText());
        assertNoScriptRan();

        browser.open("/admin/audit.xhtml?tenant=" + id);
        awaitOnPage(
                () -> browser.all(".audit-detail").stream()
                        .anyMatch(d -> d.getText().contains(name)),
                "/admin/audit.xhtml?tenant=" + id);
        assertNoScriptRan();
        assertEquals(
                name + " again",
                client.admin("GET", "/tenants/" + id, null).assertJson(200).getString("name"));
    }

    private static void assertNoScriptRan() {
        assertThrows(
                NoAlertPresentException.class, () -> browser.driver.switchTo().alert());
        assertEquals(
                List.of(),
                browser.all("main script, main img, main b").stream()
                        .map(WebElement::getTagName)
                        .toList(),
                "markup from a tenant became elements");
        browser.assertNoConsoleErrors("after markup was shown");
    }

    @Test
    void aPostReplayedWithoutThePagesTokenOrFromAnotherOriginChangesNothing() {
        String host = client.newTenant("console-csrf");
        String id = TenancyClient.idOf(host);
        browser.signIn().open("/admin/tenant.xhtml?id=" + id);
        String session = "JSESSIONID=" + browser.cookie("JSESSIONID");
        Map<String, String> form = fieldsOf("status", "status:suspend");
        String origin = "http://localhost:" + client.port();
        String self = "localhost:" + client.port();

        Map<String, String> withoutToken = new LinkedHashMap<>(form);
        withoutToken.remove("jakarta.faces.ViewState");
        TenancyClient.Reply noToken =
                post(self, "/admin/tenant.xhtml", withoutToken, "Cookie", session, "Origin", origin);
        assertFalse(noToken.status() == 302 && noToken.header("Location").contains("tenant.xhtml"), noToken.toString());
        assertEquals("ACTIVE", status(id), "a POST without the view state");

        Map<String, String> forgedToken = new LinkedHashMap<>(form);
        forgedToken.put("jakarta.faces.ViewState", "-4242424242424242424:4242424242424242424");
        TenancyClient.Reply forged =
                post(self, "/admin/tenant.xhtml", forgedToken, "Cookie", session, "Origin", origin);
        assertEquals(302, forged.status(), "an unknown view state gets the page afresh, not an error: " + forged);
        assertEquals("ACTIVE", status(id), "a POST with a made-up view state");

        TenancyClient.Reply foreign =
                post(self, "/admin/tenant.xhtml", form, "Cookie", session, "Origin", "http://evil.example");
        assertEquals(403, foreign.status());
        assertEquals("ACTIVE", status(id), "a POST from another origin");

        // The same replay, from the page's own origin with its token, does change it: the two
        // refusals above are the token's and the origin's doing, not a broken replay.
        TenancyClient.Reply genuine = post(self, "/admin/tenant.xhtml", form, "Cookie", session, "Origin", origin);
        assertEquals(302, genuine.status(), genuine.toString());
        assertEquals("SUSPENDED", status(id));
    }

    @Test
    void theAuditPageShowsTheConsolesOwnActionsWithTheOperatorAsActor() {
        String host = client.newTenant("console-audit");
        String id = TenancyClient.idOf(host);
        browser.signIn()
                .open("/admin/tenant.xhtml?id=" + id)
                .click("status:suspend")
                .click("cache:clear-cache");
        browser.fill("hosts:host", "www." + host).click("hosts:add-host");

        browser.open("/admin/audit.xhtml?tenant=" + id);
        awaitOnPage(
                () -> events().containsAll(List.of("TENANT_SUSPENDED", "TENANT_CACHE_CLEARED", "TENANT_CHANGED")),
                "/admin/audit.xhtml?tenant=" + id);
        List<WebElement> rows = browser.all("#entries tbody tr");
        for (WebElement row : rows) {
            String event = row.findElement(By.cssSelector(".audit-event")).getText();
            if (!event.equals("TENANT_REGISTERED")) { // registered through the API, by the test
                assertEquals(
                        "admin", row.findElement(By.cssSelector(".audit-actor")).getText(), event);
                assertEquals(
                        "console",
                        row.findElement(By.cssSelector(".audit-channel")).getText(),
                        event);
            } else {
                assertEquals(
                        "api", row.findElement(By.cssSelector(".audit-channel")).getText());
            }
        }
        assertEquals("TENANT_CHANGED", events().get(0), "newest first");
        browser.screenshot("audit");
    }

    @Test
    void theDashboardChartRendersWithDataAfterTrafficToTwoTenants() {
        String busy = client.newTenant("console-busy");
        String quiet = client.newTenant("console-quiet");
        // More than any other test of the class sends to one tenant: the chart shows the busiest six.
        for (int i = 0; i < 40; i++) {
            client.get(busy, "/api/tenant/info").assertJson(200);
        }
        for (int i = 0; i < 25; i++) {
            client.get(quiet, "/api/tenant/info").assertJson(200);
        }
        browser.signIn().open("/admin/");
        for (String host : List.of(busy, quiet)) {
            String id = TenancyClient.idOf(host);
            WebElement line =
                    browser.driver.findElement(By.cssSelector("#requests-chart polyline[data-tenant='" + id + "']"));
            String[] points = line.getAttribute("points").trim().split(" ");
            // the current minute, or the one before when the page came just after a minute began
            double y = Math.min(
                    Double.parseDouble(points[points.length - 1].split(",")[1]),
                    Double.parseDouble(points[points.length - 2].split(",")[1]));
            assertTrue(
                    y < RequestsChart.TOP + RequestsChart.PLOT_HEIGHT,
                    id + " has no requests drawn in the last two minutes: " + line.getAttribute("points"));
            assertTrue(browser.text("chart-legend").contains(id));
        }
        browser.assertNoConsoleErrors("on the dashboard");
    }

    @Test
    void theDashboardShowsKeptDocumentCountsAndTheAuditDrops() {
        String host = client.newTenant("console-counted");
        String id = TenancyClient.idOf(host);
        client.admin("PATCH", "/tenants/" + id, "{\"config\":{\"limits\":{\"maxDocuments\":4}}}")
                .assertJson(200);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(client.postJson(host, "/api/documents", "{\"title\":\"d" + i + "\"}")
                    .assertJson(201)
                    .getString("id"));
        }
        client.send("DELETE", host, "/api/documents/" + ids.get(0), null, null).assertStatus(204);
        browser.signIn().open("/admin/");
        assertEquals(id + " maxDocuments 2 of 4", quotaRowOf(id));

        // what the dashboard shows is the count kept per tenant, not a count of the documents
        client.send("POST", "localhost", "/api/test/document-counts/" + id + "/3", null, null)
                .assertStatus(204);
        browser.open("/admin/");
        assertEquals(id + " maxDocuments 3 of 4", quotaRowOf(id));

        // this node's dropped audit entries, as /metrics counts them (none in this run)
        assertEquals("0", browser.text("audit-dropped"));
        assertEquals("0", browser.text("audit-security-dropped"));
        browser.assertNoConsoleErrors("on the dashboard");
    }

    /** The tenant's row of the quota table, its first three cells. */
    private static String quotaRowOf(String id) {
        for (WebElement row : browser.all("#quotas tbody tr")) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            if (cells.get(0).getText().strip().equals(id)) {
                return cells.stream().limit(3).map(c -> c.getText().strip()).collect(Collectors.joining(" "));
            }
        }
        return "no row for " + id + " in " + browser.text("quotas");
    }

    @Test
    void anArchiveDownloadedRestoresAsACloneThatVerifiesEqual() throws IOException {
        String host = client.newTenant("console-archive");
        String id = TenancyClient.idOf(host);
        client.postJson(host, "/api/documents", "{\"title\":\"Grüße aus Köln\",\"content\":\"日本語 ✓\"}")
                .assertJson(201);
        client.postJson(host, "/api/documents", "{\"title\":\"second\",\"content\":\"c\"}")
                .assertJson(201);
        client.createUser(host, "ada", "password-1234", "[\"manager\"]");

        browser.signIn().open("/admin/tenant.xhtml?id=" + id);
        Path archive = browser.download("export:download");
        assertTrue(archive.getFileName().toString().matches(id + "-\\d{8}T\\d{6}Z\\.zip"), archive.toString());
        assertTrue(entriesOf(archive).size() > 1, "a zip of several files: " + entriesOf(archive));

        // Restored as a new tenant from the list: the clone answers on its own host with the same data
        String clone = "console-clone-" + Long.toHexString(System.nanoTime());
        browser.open("/admin/tenants.xhtml")
                .upload("restore:archive", archive)
                .fill("restore:id", clone)
                .fill("restore:hosts", clone + ".test")
                .click("restore:restore-button");
        assertEquals("/admin/tenant.xhtml?id=" + clone, browser.currentPath(), browser.text("messages"));
        assertTrue(browser.text("messages").contains("Tenant " + clone + " restored"), browser.text("messages"));
        assertEquals(titles(host), titles(clone + ".test"));
        client.login(clone + ".test", "ada", "password-1234").assertStatus(200);

        browser.upload("verify:archive", archive).click("verify:verify-button");
        assertTrue(browser.text("verification-result").startsWith("Equal"), browser.text("verification-result"));
        assertTrue(browser.all(".verified-table").size() > 0);
        assertTrue(
                browser.all(".table-equal").stream().map(WebElement::getText).allMatch("yes"::equals),
                browser.text("verification-tables"));
        browser.resize(1280, 2500); // the archive's card is the page's last
        browser.screenshot("tenant-archive-verified");
        browser.resize(1280, 900);

        // A write to the clone alone: no longer equal, and the counts say where
        client.postJson(clone + ".test", "/api/documents", "{\"title\":\"only in the clone\"}")
                .assertJson(201);
        browser.upload("verify:archive", archive).click("verify:verify-button");
        assertTrue(browser.text("verification-result").startsWith("Not equal"), browser.text("verification-result"));
        assertTrue(
                browser.all(".verified-table").stream()
                        .anyMatch(row -> row.findElement(By.cssSelector(".table-equal"))
                                        .getText()
                                        .equals("no")
                                && !row.findElement(By.cssSelector(".archive-rows"))
                                        .getText()
                                        .equals(row.findElement(By.cssSelector(".tenant-rows"))
                                                .getText())),
                browser.text("verification-tables"));
        assertEquals(2, client.get(host, "/api/documents").assertJson(200).getInt("total"), "the original unchanged");

        // From the list, naming the tenant: the original still equals its archive, the clone does not
        browser.open("/admin/tenants.xhtml").click("verify:verify-button");
        assertFalse(browser.text("verify:tenant-message").isBlank(), "no tenant named: refused at its field");
        browser.open("/admin/tenants.xhtml")
                .fill("verify:tenant", id)
                .upload("verify:archive", archive)
                .click("verify:verify-button");
        assertTrue(
                browser.text("verification-result").startsWith("Equal: the data of tenant " + id),
                browser.text("verification-result"));
        browser.open("/admin/tenants.xhtml")
                .fill("verify:tenant", clone)
                .upload("verify:archive", archive)
                .click("verify:verify-button");
        assertTrue(browser.text("verification-result").startsWith("Not equal"), browser.text("verification-result"));

        // Each audited with the operator as actor, from the console
        for (String[] event : new String[][] {{id, "TENANT_EXPORTED"}, {clone, "TENANT_RESTORED"}}) {
            client.awaitAudit(
                    "tenant=" + event[0] + "&event=" + event[1],
                    entry -> entry.getString("actor").equals("admin")
                            && entry.getString("channel").equals("console"));
        }
    }

    @Test
    void aRowsExportWithoutPasswordHashesRestoresUsersWhoCannotLogIn() throws IOException {
        String host = client.newTenant("console-rowexport");
        String id = TenancyClient.idOf(host);
        client.postJson(host, "/api/documents", "{\"title\":\"kept\"}").assertJson(201);
        client.createUser(host, "bob", "password-1234", "[]");

        browser.signIn().open("/admin/tenants.xhtml?q=" + id);
        browser.driver.findElement(By.id("rows:without-credentials")).click();
        Path archive =
                browser.download(browser.driver.findElement(By.cssSelector("button.export-row[value='" + id + "']")));
        assertTrue(archive.getFileName().toString().startsWith(id + "-"), archive.toString());

        String clone = "console-nohash-" + Long.toHexString(System.nanoTime());
        browser.open("/admin/tenants.xhtml")
                .upload("restore:archive", archive)
                .fill("restore:id", clone)
                .fill("restore:hosts", clone + ".test")
                .click("restore:restore-button");
        assertEquals("/admin/tenant.xhtml?id=" + clone, browser.currentPath(), browser.text("messages"));
        assertEquals(List.of("kept"), titles(clone + ".test"));
        assertEquals(
                List.of("bob"),
                client.admin("GET", "/tenants/" + clone + "/users", null).assertJson(200).getJsonArray("items").stream()
                        .map(user -> user.asJsonObject().getString("username"))
                        .toList());
        client.login(clone + ".test", "bob", "password-1234").assertStatus(401);
        client.login(host, "bob", "password-1234").assertStatus(200);
    }

    @Test
    void aRestoreThatIsRefusedIsShownNextToItsFieldAndWritesNothing() throws IOException {
        String host = client.newTenant("console-refused");
        String id = TenancyClient.idOf(host);
        client.postJson(host, "/api/documents", "{\"title\":\"original\"}").assertJson(201);
        String clone = "console-refused-" + Long.toHexString(System.nanoTime());
        Path notAZip = Files.createTempFile(Files.createDirectories(Path.of("target")), "not-an-archive", ".zip");
        Files.writeString(notAZip, "this is not a zip\n");

        browser.signIn().open("/admin/tenants.xhtml");
        browser.fill("restore:id", clone).click("restore:restore-button");
        assertTrue(
                browser.text("restore:archive-message").contains("choose an archive"),
                browser.text("restore:archive-message"));

        browser.upload("restore:archive", notAZip)
                .fill("restore:id", clone)
                .fill("restore:hosts", clone + ".test")
                .click("restore:restore-button");
        assertEquals("/admin/tenants.xhtml", browser.currentPath());
        assertFalse(browser.text("restore:archive-message").isBlank(), "the refusal shown at the upload");
        assertEquals(clone, browser.driver.findElement(By.id("restore:id")).getAttribute("value"), "the form kept");
        client.admin("GET", "/tenants/" + clone, null).assertProblem(404, "NOT_FOUND");
        client.get(clone + ".test", "/api/tenant/info").assertProblem(404, "TENANT_NOT_FOUND");

        // On the tenant's page: its own id without "replace" is taken, and nothing changes
        browser.open("/admin/tenant.xhtml?id=" + id);
        Path archive = browser.download("export:download");
        browser.open("/admin/tenant.xhtml?id=" + id)
                .upload("restore:archive", archive)
                .click("restore:restore-button");
        assertEquals("/admin/tenant.xhtml", browser.currentPath().replaceAll("\\?.*", ""));
        assertFalse(
                (browser.text("restore:id-message") + browser.text("restore:archive-message")).isBlank(),
                "the id is taken: shown next to the id (or the upload)");
        browser.upload("verify:archive", notAZip).click("verify:verify-button");
        assertFalse(browser.text("verify:archive-message").isBlank(), "a verify refused at the upload");
        assertEquals(List.of("original"), titles(host));

        // ... with "replace", the archive's data is the tenant's again
        client.postJson(host, "/api/documents", "{\"title\":\"written after the export\"}")
                .assertJson(201);
        browser.open("/admin/tenant.xhtml?id=" + id).upload("restore:archive", archive);
        browser.driver.findElement(By.id("restore:replace")).click();
        browser.click("restore:restore-button");
        assertTrue(browser.text("messages").contains("Tenant " + id + " replaced"), browser.text("messages"));
        assertEquals(List.of("original"), titles(host));

        // ... but never into another placement: a replace keeps the tenant's, and says so at the select
        browser.open("/admin/tenant.xhtml?id=" + id)
                .upload("restore:archive", archive)
                .select("restore:placement", "eu");
        browser.driver.findElement(By.id("restore:replace")).click();
        browser.click("restore:restore-button");
        assertTrue(
                browser.text("restore:placement-message").contains("keeps its placement"),
                browser.text("restore:placement-message"));
        assertEquals("shared", browser.text("tenant-placement"));

        // ... and from the list, the same
        client.postJson(host, "/api/documents", "{\"title\":\"written after the replace\"}")
                .assertJson(201);
        browser.open("/admin/tenants.xhtml").upload("restore:archive", archive);
        browser.driver.findElement(By.id("restore:replace")).click();
        browser.click("restore:restore-button");
        assertTrue(browser.text("messages").contains("Tenant " + id + " replaced"), browser.text("messages"));
        assertEquals(List.of("original"), titles(host));

        // No multipart body is taken outside the console's forms, nor from anyone not signed in
        String multipart = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ny\r\n--b--\r\n";
        for (String page : List.of("/admin/login.xhtml", "/", "/index.xhtml", "/admin/audit.xhtml")) {
            TenancyClient.Reply reply = client.send(
                    "POST",
                    page.startsWith("/admin") ? "localhost" : host,
                    page,
                    "multipart/form-data; boundary=b",
                    multipart,
                    "Cookie",
                    // a sign-in nonce too: SignInFormTokens would read the form, were it first
                    "JSESSIONID=" + browser.cookie("JSESSIONID") + "; tenancy-sign-in=" + "n".repeat(22));
            assertEquals(415, reply.status(), page + ": " + reply);
        }
    }

    @Test
    @Order(1) // first, so that the pictures show the tenants made for them, not those of the other tests
    void screenshotsOfEveryMainPage() {
        browser.requireChromium("pictures of the pages and their layout at phone width need a browser that draws them");
        // Tenants with readable names for the pictures in docs/; made once per database.
        register("{\"id\":\"hooli\",\"name\":\"Hooli\",\"hosts\":[\"hooli.test\",\"www.hooli.test\"],\"config\":"
                + "{\"features\":{\"exports\":true},\"limits\":{\"maxDocuments\":5},"
                + "\"branding\":{\"displayName\":\"Hooli\",\"primaryColor\":\"#336699\"}}}");
        register("{\"id\":\"umbrella\",\"name\":\"Umbrella Corp\",\"hosts\":[\"umbrella.test\"],"
                + "\"config\":{\"limits\":{\"maxDocuments\":10}}}");
        register(
                "{\"id\":\"stark\",\"name\":\"Stark Industries\",\"hosts\":[\"stark.test\"],\"status\":\"SUSPENDED\"}");
        if (client.get("hooli.test", "/api/documents").assertJson(200).getInt("total") == 0) {
            for (String title : List.of("Q3 plan", "Budget", "Roadmap", "Hiring")) {
                client.postJson("hooli.test", "/api/documents", "{\"title\":\"" + title + "\",\"content\":\"c\"}")
                        .assertJson(201);
            }
            client.postJson("umbrella.test", "/api/documents", "{\"title\":\"Memo\",\"content\":\"c\"}")
                    .assertJson(201);
            client.admin(
                            "POST",
                            "/tenants/hooli/users",
                            "{\"username\":\"gavin\",\"password\":\"password-1234\",\"roles\":[\"manager\"]}")
                    .assertStatus(201);
        }
        Map<String, Integer> traffic = Map.of("hooli.test", 30, "umbrella.test", 18, "acme.test", 12, "globex.test", 6);
        traffic.forEach((host, requests) -> {
            for (int i = 0; i < requests; i++) {
                client.get(host, "/api/tenant/info").assertJson(200);
            }
        });
        String id = "hooli";
        browser.shoot("login", 1280, 1000, "/admin/login.xhtml")
                .signIn()
                .shoot("dashboard", 1280, 1150, "/admin/")
                .shoot("tenants", 1280, 1000, "/admin/tenants.xhtml")
                .shoot("new-tenant", 1280, 1000, "/admin/new-tenant.xhtml")
                .shoot("tenant", 1280, 1700, "/admin/tenant.xhtml?id=" + id)
                .shoot("delete-tenant", 1280, 1000, "/admin/delete-tenant.xhtml?id=" + id)
                .shoot("audit-log", 1280, 1000, "/admin/audit.xhtml")
                .shoot("tenant-phone", 390, 1400, "/admin/tenant.xhtml?id=" + id);
        // At phone width the page still fits: nothing wider than the window but the scrolling tables.
        assertEquals(0L, browser.sidewaysOverflow(), "the page scrolls sideways at phone width");
    }

    // ---- helpers

    /** The titles of a tenant's documents, sorted. */
    private List<String> titles(String host) {
        return client.get(host, "/api/documents?limit=100").assertJson(200).getJsonArray("items").stream()
                .map(item -> item.asJsonObject().getString("title"))
                .sorted()
                .toList();
    }

    private static List<String> entriesOf(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    private static List<String> texts(String css) {
        return browser.all(css).stream().map(WebElement::getText).toList();
    }

    private List<String> events() {
        return browser.all(".audit-event").stream().map(WebElement::getText).toList();
    }

    /** Audit entries are written apart from the request: reload the page until they are there. */
    private static void awaitOnPage(BooleanSupplier condition, String path) {
        Wait.until("the entries awaited on " + path, () -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            browser.open(path);
            return condition.getAsBoolean();
        });
    }

    private void register(String tenant) {
        int status = client.admin("POST", "/tenants", tenant).status();
        assertTrue(status == 201 || status == 409, "registration answered " + status);
    }

    private String status(String id) {
        return client.admin("GET", "/tenants/" + id, null).assertJson(200).getString("status");
    }

    /** The fields a form of the current page would send when {@code button} is clicked. */
    private static Map<String, String> fieldsOf(String formId, String button) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (WebElement input : browser.all("form[id='" + formId + "'] input[type=hidden]")) {
            fields.put(input.getAttribute("name"), input.getAttribute("value"));
        }
        fields.put(button, browser.driver.findElement(By.id(button)).getAttribute("value"));
        assertTrue(fields.containsKey("jakarta.faces.ViewState"), fields.toString());
        return fields;
    }

    private TenancyClient.Reply post(String host, String path, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.send("POST", host, path, "application/x-www-form-urlencoded", body, headers);
    }
}
