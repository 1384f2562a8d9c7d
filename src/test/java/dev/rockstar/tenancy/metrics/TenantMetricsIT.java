package dev.rockstar.tenancy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.PrometheusText;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Per-tenant request counts and timings at {@code /metrics}, in Prometheus text. */
class TenantMetricsIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void eachTenantsCountersGrowByExactlyItsOwnRequests() {
        PrometheusText before = scrape();
        double acmeBefore = before.value("tenancy_requests_total", "acme");
        double globexBefore = before.value("tenancy_requests_total", "globex");
        long acmeTimedBefore = before.timed("acme");

        for (int i = 0; i < 7; i++) {
            client.get("acme.test", "/api/tenant/info").assertStatus(200);
        }
        for (int i = 0; i < 3; i++) {
            client.get("globex.test", "/api/tenant/info").assertStatus(200);
        }
        // Requests that ran for no tenant count for none.
        client.get("unknown.test", "/api/tenant/info").assertStatus(404);
        client.admin("GET", "/tenants", null).assertStatus(200);

        PrometheusText after = scrape();
        assertEquals(7, after.value("tenancy_requests_total", "acme") - acmeBefore, after::toString);
        assertEquals(3, after.value("tenancy_requests_total", "globex") - globexBefore, after::toString);
        assertEquals(7, after.timed("acme") - acmeTimedBefore, after::toString);
        assertTrue(after.durations("acme").sum() > 0, after::toString);
        assertTrue(
                after.tenants().stream().noneMatch(t -> t.startsWith("unknown")), "no series for a host of no tenant");
    }

    @Test
    void aTenantsRequestsAreTaggedWithItsIdNotItsHost() {
        client.get("www.acme.test", "/api/tenant/info").assertStatus(200);
        PrometheusText metrics = scrape();
        assertTrue(metrics.value("tenancy_requests_total", "acme") >= 1, metrics::toString);
        assertFalse(metrics.tenants().contains("www.acme.test"), metrics::toString);
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(client.metrics(PrometheusText.applicationMetrics(), "text/plain")
                .assertStatus(200)
                .body());
    }
}
