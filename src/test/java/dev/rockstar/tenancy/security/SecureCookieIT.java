package dev.rockstar.tenancy.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Behind a trusted TLS-terminating proxy ({@code tenancy.session.cookie-secure=auto}, the
 * default; the test client's loopback address is the trusted proxy): the session cookie is
 * {@code Secure} when the proxy says the browser came over HTTPS, and only then.
 */
class SecureCookieIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of(
                "tenancy.forwarded-host.trusted",
                "true",
                "tenancy.forwarded-host.trusted-proxies",
                "127.0.0.0/8, ::1"));
    }

    @Test
    void aLoginThroughTheTrustedProxyOverHttpsGetsASecureCookie() {
        String host = SessionCookies.tenantWithUser(client, "cookie-tls");
        String cookie = SessionCookies.login(client, host, "X-Forwarded-Proto", "https");
        assertTrue(SessionCookies.isSecure(cookie), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        // the proxy's value is the last one: a client's "https" before the proxy's "http" counts for nothing
        assertFalse(SessionCookies.isSecure(SessionCookies.login(client, host, "X-Forwarded-Proto", "https, http")));
        assertTrue(SessionCookies.isSecure(SessionCookies.login(client, host, "X-Forwarded-Proto", "http, https")));
    }

    @Test
    void plainHttpThroughTheProxyOrStraightToUsGetsNoSecureCookie() {
        String host = SessionCookies.tenantWithUser(client, "cookie-plain");
        String viaProxy = SessionCookies.login(client, host, "X-Forwarded-Proto", "http");
        assertFalse(SessionCookies.isSecure(viaProxy), viaProxy);
        String direct = SessionCookies.login(client, host);
        assertFalse(SessionCookies.isSecure(direct), direct);
    }
}
