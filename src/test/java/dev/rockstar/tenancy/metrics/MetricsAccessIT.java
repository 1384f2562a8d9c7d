package dev.rockstar.tenancy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.PrometheusText;
import dev.rockstar.tenancy.testing.TenancyClient;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} is no tenant directory: without the operator's credentials no form of it
 * (Payara's {@code ?scope=}, {@code /metrics/application}, JSON) names a tenant; with them, the
 * per-tenant series are there.
 */
class MetricsAccessIT extends DeployedWarTest {

    private static final List<String> PATHS = List.of(
            "/metrics",
            "/metrics?scope=application",
            "/metrics/",
            "/metrics/application",
            "/metrics/application/tenancy_requests_total",
            "/metrics/base");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void withoutTheOperatorsCredentialsNoFormOfMetricsNamesATenant() {
        String host = client.newTenant("metrics-secret");
        String tenant = TenancyClient.idOf(host);
        client.get(host, "/api/tenant/info").assertStatus(200);
        assertTrue(
                client.metrics("/metrics", "text/plain")
                        .assertStatus(200)
                        .body()
                        .contains("tenant=\"" + tenant + "\""),
                "the series exists, for the operator");

        for (String path : PATHS) {
            for (String accept : List.of("text/plain", "application/json", "*/*")) {
                TenancyClient.Reply anonymous = client.get("localhost", path, "Accept", accept);
                assertEquals(401, anonymous.status(), path + " " + accept + ": " + anonymous.body());
                assertFalse(anonymous.body().contains(tenant), path + " " + accept + ": " + anonymous.body());
                assertFalse(anonymous.body().contains("tenant=\""), path + " " + accept + ": " + anonymous.body());
                // nor on a tenant's own host
                TenancyClient.Reply onTenantHost = client.get(host, path, "Accept", accept);
                assertEquals(401, onTenantHost.status(), host + path + ": " + onTenantHost.body());
                assertFalse(onTenantHost.body().contains(tenant), host + path + ": " + onTenantHost.body());
            }
        }
        // a tenant user's session is no operator either
        // the operator's role name is refused for tenant users, so no tenant's user carries it
        client.admin(
                        "POST",
                        "/tenants/" + tenant + "/users",
                        "{\"username\":\"eve\",\"password\":\"password-of-eve\",\"roles\":[\"tenancy-admin\"]}")
                .assertProblem(400, "VALIDATION_FAILED");
        client.admin(
                        "POST",
                        "/tenants/" + tenant + "/users",
                        "{\"username\":\"eve\",\"password\":\"password-of-eve\",\"roles\":[\"admin\"]}")
                .assertStatus(201);
        TenancyClient.Reply login = client.postJson(
                        host, "/api/login", "{\"username\":\"eve\",\"password\":\"password-of-eve\"}")
                .assertStatus(200);
        String cookie = "JSESSIONID=" + TenancyClient.sessionOf(login); // not the device cookie beside it
        TenancyClient.Reply withSession = client.get(host, "/metrics", "Cookie", cookie);
        assertEquals(401, withSession.status(), withSession.body());
        assertFalse(withSession.body().contains(tenant), withSession.body());
    }

    @Test
    void wrongCredentialsAreRefusedAndAuditedAsAdminLoginFailures() {
        String name = "scraper-" + Long.toHexString(System.nanoTime());
        TenancyClient.Reply refused = client.get(
                "localhost",
                "/metrics?scope=application",
                "Accept",
                "text/plain",
                "Authorization",
                TenancyClient.basic(name, "not-the-password"));
        assertEquals(401, refused.status(), refused.body());
        assertFalse(refused.body().contains("tenancy_requests_total"), refused.body());
        assertTrue(
                refused.header("WWW-Authenticate").startsWith("Basic"),
                refused.headers().toString());

        // the failed scrape is an ADMIN_LOGIN_FAILED entry
        client.awaitAudit("event=ADMIN_LOGIN_FAILED", e -> name.equals(e.getString("actor")));
    }

    @Test
    void theOperatorScrapesTheApplicationsSeries() {
        String host = client.newTenant("metrics-open");
        client.get(host, "/api/tenant/info").assertStatus(200);
        String body = client.metrics(PrometheusText.applicationMetrics(), "text/plain")
                .assertStatus(200)
                .body();
        assertTrue(body.contains("tenancy_requests_total{"), body);
        assertTrue(body.contains("tenant=\"" + TenancyClient.idOf(host) + "\""), body);
    }
}
