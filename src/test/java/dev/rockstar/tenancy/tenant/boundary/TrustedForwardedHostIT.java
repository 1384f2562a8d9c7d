package dev.rockstar.tenancy.tenant.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Behind a trusted reverse proxy: {@code tenancy.forwarded-host.trusted=true} and the test client's
 * loopback address among {@code tenancy.forwarded-host.trusted-proxies}.
 */
class TrustedForwardedHostIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of(
                "tenancy.forwarded-host.trusted",
                "true",
                "tenancy.forwarded-host.trusted-proxies",
                "192.0.2.0/24, 127.0.0.0/8, ::1"));
    }

    @Test
    void theForwardedHostIsHonoured() {
        assertEquals(
                "globex",
                tenantOf(client.get("proxy.internal", "/api/tenant/info", "X-Forwarded-Host", "globex.test")));
        assertEquals(
                "acme", tenantOf(client.get("globex.test", "/api/tenant/info", "X-Forwarded-Host", "ACME.test.:443")));
    }

    /** A client can write its own X-Forwarded-Host, which a proxy then appends to: only the proxy's counts. */
    @Test
    void theValueTheTrustedProxyAddedCountsNotOneTheClientWrote() {
        assertEquals(
                "acme",
                tenantOf(client.get(
                        "proxy.internal", "/api/tenant/info", "X-Forwarded-Host", "globex.test, acme.test")));
        assertEquals(
                "globex",
                tenantOf(
                        client.get("proxy.internal", "/api/tenant/info", "X-Forwarded-Host", "acme.test,globex.test")));
    }

    @Test
    void withoutTheHeaderTheHostCounts() {
        assertEquals("acme", tenantOf(client.get("acme.test", "/api/tenant/info")));
    }

    @Test
    void aMalformedForwardedHostIsRejected() {
        client.get("acme.test", "/api/tenant/info", "X-Forwarded-Host", "evil.test/x")
                .assertProblem(400, "HOST_INVALID");
        client.get("acme.test", "/api/tenant/info", "X-Forwarded-Host", "a..b").assertProblem(400, "HOST_INVALID");
    }

    @Test
    void anUnknownForwardedHostIsNotFoundEvenOnATenantsHost() {
        client.get("acme.test", "/api/tenant/info", "X-Forwarded-Host", "unknown.test")
                .assertProblem(404, "TENANT_NOT_FOUND");
    }

    @Test
    void otherHeadersAndParametersStillSelectNothing() {
        assertEquals(
                "acme",
                tenantOf(client.get(
                        "acme.test",
                        "/api/tenant/info?tenant=globex",
                        "X-Tenant-ID",
                        "globex",
                        "Forwarded",
                        "host=globex.test")));
    }

    private static String tenantOf(TenancyClient.Reply reply) {
        return reply.assertJson(200).getString("tenant_id");
    }
}
