package dev.rockstar.tenancy.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** {@code tenancy.session.cookie-secure=always}: {@code Secure} even on a plain connection with no proxy. */
class SecureCookieAlwaysIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of("tenancy.session.cookie-secure", "always"));
    }

    @Test
    void everySessionCookieIsSecure() {
        String host = SessionCookies.tenantWithUser(client, "cookie-always");
        String cookie = SessionCookies.login(client, host);
        assertTrue(SessionCookies.isSecure(cookie), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
    }
}
