package dev.rockstar.tenancy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.PrometheusText;
import dev.rockstar.tenancy.testing.Promtool;
import dev.rockstar.tenancy.testing.TenancyClient;
import org.hawkular.agent.prometheus.types.MetricType;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Prometheus's own {@code promtool check metrics} accepts every form of the scrape in which the
 * application's series appear, on every server: Payara's MicroProfile Metrics does not write
 * them, so its gauges-with-quantiles and per-tenant interleaving cannot come back unseen.
 */
class PromtoolIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void promtoolFindsNothingToSayAboutAnyFormOfTheScrape() {
        String first = client.newTenant("promtool");
        String second = client.newTenant("promtool");
        for (String host : new String[] {first, second, first}) {
            client.get(host, "/api/tenant/info").assertStatus(200);
        }
        for (String path : new String[] {"/metrics?scope=application", "/metrics", "/metrics/application"}) {
            String text = client.metrics(path, MetricsInSecondsIT.PROMETHEUS_ACCEPT)
                    .assertStatus(200)
                    .body();
            PrometheusText parsed = PrometheusText.parse(text);
            assertEquals(
                    MetricType.HISTOGRAM,
                    parsed.family(PrometheusText.DURATION).orElseThrow().getType(),
                    path);
            assertEquals(2, parsed.durations(TenancyClient.idOf(first)).count(), path + ":\n" + text);
            assertTrue(parsed.timedTenants().contains(TenancyClient.idOf(second)), path + ":\n" + text);
            Promtool.assertClean(path, text);
        }
    }
}
