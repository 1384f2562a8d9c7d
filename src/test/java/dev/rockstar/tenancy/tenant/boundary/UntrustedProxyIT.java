package dev.rockstar.tenancy.tenant.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import java.util.Locale;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code X-Forwarded-Host} trusted, but only from proxies elsewhere: the test client, on loopback,
 * is not one of them, so whatever it writes there is ignored and its {@code Host} decides.
 */
class UntrustedProxyIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of(
                "tenancy.forwarded-host.trusted",
                "true",
                "tenancy.forwarded-host.trusted-proxies",
                "192.0.2.0/24,2001:db8::/32"));
    }

    @Test
    void aForgedForwardedHostFromAnUntrustedAddressIsIgnored() {
        assertEquals(
                "acme",
                client.get("acme.test", "/api/tenant/info", "X-Forwarded-Host", "globex.test")
                        .assertJson(200)
                        .getString("tenant_id"));
        assertEquals(
                "acme",
                client.get("acme.test", "/api/tenant/info", "X-Forwarded-Host", "acme.test, globex.test")
                        .assertJson(200)
                        .getString("tenant_id"));
    }

    @Test
    void aForwardedProtoFromAnUntrustedAddressDoesNotMakeTheSessionCookieSecure() {
        String host = client.newTenant("untrusted-proto");
        client.admin(
                        "POST",
                        "/tenants/" + TenancyClient.idOf(host) + "/users",
                        "{\"username\":\"alice\",\"password\":\"password-of-alice\",\"roles\":[]}")
                .assertStatus(201);
        String cookie = client.postJson(
                        host,
                        "/api/login",
                        "{\"username\":\"alice\",\"password\":\"password-of-alice\"}",
                        "X-Forwarded-Proto",
                        "https")
                .assertStatus(200)
                .header("Set-Cookie");
        assertTrue(cookie.contains("JSESSIONID="), cookie);
        assertFalse(cookie.toLowerCase(Locale.ROOT).matches("(?s).*;\\s*secure\\b.*"), cookie);
    }

    @Test
    void itCannotReachAnUnknownHostsAnswerEither() {
        assertEquals(
                "globex",
                client.get("globex.test", "/api/tenant/info", "X-Forwarded-Host", "evil.test/x")
                        .assertJson(200)
                        .getString("tenant_id"));
    }
}
