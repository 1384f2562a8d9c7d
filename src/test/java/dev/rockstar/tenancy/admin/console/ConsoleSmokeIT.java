package dev.rockstar.tenancy.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The console on every server and database of the matrix, with the same WAR: sign in, list,
 * create, export and restore as a clone (uploads and downloads differ by server), suspend. The rest of the console's behaviour is {@link ConsoleIT}'s, on Payara and H2.
 */
class ConsoleSmokeIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void signInListCreateExportRestoreSuspend() throws IOException {
        String id = "console-smoke-" + Long.toHexString(System.nanoTime());
        try (ConsoleBrowser browser = new ConsoleBrowser(client.port())) {
            browser.open("/admin/tenants.xhtml");
            assertEquals("/admin/login.xhtml", browser.currentPath());
            browser.signIn();
            assertEquals("admin", browser.text("operator"));

            browser.open("/admin/tenants.xhtml?q=acme");
            assertTrue(
                    browser.all(".tenant-link").stream()
                            .map(WebElement::getText)
                            .anyMatch("acme"::equals),
                    "acme in the list");

            browser.open("/admin/new-tenant.xhtml")
                    .fill("create:id", id)
                    .fill("create:name", "Smoke Test Ltd")
                    .fill("create:hosts", id + ".test")
                    .click("create:create-button");
            assertEquals("Smoke Test Ltd", browser.text("tenant-heading"));
            assertEquals("shared", browser.text("tenant-placement"));
            assertEquals(Deployments.declaredPlacements(), browser.options("move:target"));
            client.get(id + ".test", "/api/tenant/info").assertJson(200);

            // An archive downloaded and uploaded again: the server's multipart and streaming at work
            Path archive = browser.download("export:download");
            browser.open("/admin/tenants.xhtml?q=" + id); // the list's placement column
            assertEquals(
                    List.of("shared"),
                    browser.all(".tenant-placement").stream()
                            .map(WebElement::getText)
                            .toList());
            String clone = id + "-clone";
            browser.open("/admin/tenants.xhtml")
                    .upload("restore:archive", archive)
                    .fill("restore:id", clone)
                    .fill("restore:hosts", clone + ".test")
                    .select("restore:placement", "eu")
                    .click("restore:restore-button");
            assertEquals("Smoke Test Ltd", browser.text("tenant-heading"), browser.text("messages"));
            assertEquals("eu", browser.text("tenant-placement"));
            assertEquals(
                    clone,
                    client.get(clone + ".test", "/api/tenant/info")
                            .assertJson(200)
                            .getString("tenant_id"));
            // An upload above the servers' form limits (2 MB on Payara and GlassFish, 10 MB on
            // WildFly's own) reaches the form, which refuses it as no archive, next to the field
            Path large = Files.createTempFile(Files.createDirectories(Path.of("target")), "large-upload", ".zip");
            byte[] noise = new byte[12 * 1024 * 1024];
            new Random(23).nextBytes(noise);
            Files.write(large, noise);
            browser.open("/admin/tenant.xhtml?id=" + clone)
                    .upload("verify:archive", large)
                    .click("verify:verify-button");
            assertFalse(browser.text("verify:archive-message").isBlank(), "a 12 MB upload read and refused");
            Files.delete(large);
            // ... and never before the console's own filter has refused a multipart body elsewhere
            client.send(
                            "POST",
                            "localhost",
                            "/admin/login.xhtml",
                            "multipart/form-data; boundary=b",
                            "--b--\r\n",
                            "Cookie",
                            "tenancy-sign-in=" + "n".repeat(22))
                    .assertStatus(415);

            browser.open("/admin/tenant.xhtml?id=" + id).click("status:suspend");
            assertEquals("SUSPENDED", browser.text("tenant-status"));
            client.get(id + ".test", "/api/tenant/info").assertProblem(403, "TENANT_INACTIVE");
            browser.screenshot("smoke-" + Deployments.server());
        }
        assertEquals(
                "SUSPENDED",
                client.admin("GET", "/tenants/" + id, null).assertJson(200).getString("status"));
    }
}
