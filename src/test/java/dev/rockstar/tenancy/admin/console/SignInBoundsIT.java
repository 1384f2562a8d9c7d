package dev.rockstar.tenancy.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.Wait;
import jakarta.json.JsonObject;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The console's sign-in form takes fields of megabytes (the servers' form limits are 2 to 20 MB):
 * one over its byte bound is a wrong sign-in that is not checked, counted, audited or shown back.
 */
class SignInBoundsIT extends DeployedWarTest {

    private static final int ATTEMPTS = 10;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void megabyteFieldsAreAWrongSignInThatNothingKeeps() {
        try (ConsoleBrowser browser = new ConsoleBrowser(client.port())) {
            for (int i = 0; i < ATTEMPTS; i++) {
                browser.open("/admin/login.xhtml");
                String megabyte = "x".repeat(1_000_000);
                boolean longName = i % 2 == 0;
                browser.setValue("login:username", longName ? "admin" + megabyte : "admin")
                        .setValue(
                                "login:password",
                                longName ? Deployments.ADMIN_PASSWORD : Deployments.ADMIN_PASSWORD + megabyte);
                browser.click("login:sign-in");
                assertEquals("/admin/login.xhtml", browser.currentPath());
                assertTrue(browser.text("messages").contains("Wrong username or password"), browser.text("messages"));
                int page = browser.driver.getPageSource().length();
                assertTrue(page < 100_000, "the oversized field is not shown back: a page of " + page + " characters");
            }

            browser.signIn("localhost", "marker", "not-the-password");
            List<String> actors = failedSignIns("marker");
            assertTrue(
                    actors.stream().noneMatch(actor -> actor.startsWith("adminxxx")),
                    "no oversized sign-in is audited: " + actors);

            browser.signIn();
            assertEquals("admin", browser.text("operator"));
        }
    }

    /** The actors of ADMIN_LOGIN_FAILED entries, once {@code marker}'s is among them. */
    private List<String> failedSignIns(String marker) {
        return Wait.until(
                marker + "'s failed sign-in in the audit log",
                () -> client
                        .admin("GET", "/audit?event=ADMIN_LOGIN_FAILED&limit=1000", null)
                        .assertJson(200)
                        .getJsonArray("items")
                        .getValuesAs(JsonObject.class)
                        .stream()
                        .map(e -> e.getString("actor"))
                        .toList(),
                actors -> actors.contains(marker));
    }
}
