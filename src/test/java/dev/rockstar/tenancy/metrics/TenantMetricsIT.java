package dev.rockstar.tenancy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        String before = scrape();
        double acmeBefore = value(before, "tenancy_requests_total", "acme");
        double globexBefore = value(before, "tenancy_requests_total", "globex");
        double acmeTimedBefore = value(before, "tenancy_request_duration_seconds_count", "acme");

        for (int i = 0; i < 7; i++) {
            client.get("acme.test", "/api/tenant/info").assertStatus(200);
        }
        for (int i = 0; i < 3; i++) {
            client.get("globex.test", "/api/tenant/info").assertStatus(200);
        }
        // Requests that ran for no tenant count for none.
        client.get("unknown.test", "/api/tenant/info").assertStatus(404);
        client.admin("GET", "/tenants", null).assertStatus(200);

        String after = scrape();
        assertEquals(7, value(after, "tenancy_requests_total", "acme") - acmeBefore, after);
        assertEquals(3, value(after, "tenancy_requests_total", "globex") - globexBefore, after);
        assertEquals(7, value(after, "tenancy_request_duration_seconds_count", "acme") - acmeTimedBefore, after);
        assertTrue(value(after, "tenancy_request_duration_seconds_sum", "acme") > 0, after);
        assertTrue(!after.contains("tenant=\"unknown"), "no series for a host of no tenant");
    }

    @Test
    void aTenantsRequestsAreTaggedWithItsIdNotItsHost() {
        client.get("www.acme.test", "/api/tenant/info").assertStatus(200);
        String metrics = scrape();
        assertTrue(value(metrics, "tenancy_requests_total", "acme") >= 1, metrics);
        assertTrue(!metrics.contains("tenant=\"www.acme.test\""), metrics);
    }

    private String scrape() {
        TenancyClient.Reply reply = client.metrics("/metrics", "text/plain").assertStatus(200);
        return reply.body();
    }

    /** The value of a series with the tenant's tag, 0 before its first request. */
    private static double value(String metrics, String name, String tenant) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\}\\s+(\\S+)$").matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains("tenant=\"" + tenant + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
