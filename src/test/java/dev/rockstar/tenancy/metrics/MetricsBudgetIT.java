package dev.rockstar.tenancy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.RunsOnce;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        String metrics =
                client.metrics("/metrics", "text/plain").assertStatus(200).body();

        Set<String> tenants = new HashSet<>();
        double total = 0;
        double other = 0;
        Matcher m = Pattern.compile("(?m)^tenancy_requests_total\\{[^}]*tenant=\"([^\"]+)\"[^}]*\\}\\s+(\\S+)$")
                .matcher(metrics);
        while (m.find()) {
            tenants.add(m.group(1));
            total += Double.parseDouble(m.group(2));
            if (m.group(1).equals("_other")) {
                other = Double.parseDouble(m.group(2));
            }
        }
        assertTrue(tenants.size() <= CAP + 1, "at most the cap and _other: " + tenants.size());
        assertTrue(tenants.contains("_other"), "the rest is counted");
        assertEquals(TENANTS, total, 0.0, "no request is lost");
        assertTrue(other >= TENANTS - CAP, "other " + other);
        long timers = metrics.lines()
                .filter(l -> l.startsWith("tenancy_request_duration_seconds_count{"))
                .count();
        assertTrue(timers <= CAP + 1, "timers too: " + timers);
    }
}
