package dev.rockstar.tenancy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.PrometheusText;
import dev.rockstar.tenancy.testing.RunsOnce;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The cardinality policy with a few thousand generated tenants: series stay bounded, no request is lost. */
@Tag(RunsOnce.TAG)
class MetricsBudgetIT extends DeployedWarTest {

    static final int CAP = 50;
    static final int TENANTS = 2000;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of("tenancy.metrics.max-tenants", String.valueOf(CAP)));
    }

    @Test
    void seriesStayWithinTheCapAndTheRestCountAsOther() {
        String prefix = "m" + Long.toHexString(System.nanoTime()) + "-";
        for (int i = 0; i < TENANTS; i++) {
            client.admin("POST", "/tenants", "{\"id\":\"" + prefix + i + "\",\"hosts\":[\"" + prefix + i + ".test\"]}")
                    .assertStatus(201);
        }
        for (int i = 0; i < TENANTS; i++) {
            client.get(prefix + i + ".test", "/api/tenant/info").assertStatus(200);
        }
        PrometheusText metrics = PrometheusText.parse(client.metrics(PrometheusText.applicationMetrics(), "text/plain")
                .assertStatus(200)
                .body());

        Map<String, Double> requests = metrics.byTenant("tenancy_requests_total");
        assertTrue(requests.size() <= CAP + 1, "at most the cap and _other: " + requests.size());
        assertTrue(requests.containsKey("_other"), "the rest is counted");
        assertEquals(
                TENANTS,
                requests.values().stream().mapToDouble(Double::doubleValue).sum(),
                0.0,
                "no request is lost");
        assertTrue(requests.get("_other") >= TENANTS - CAP, "other " + requests.get("_other"));
        int timers = metrics.timedTenants().size();
        assertTrue(timers <= CAP + 1, "timers too: " + timers);
    }
}
