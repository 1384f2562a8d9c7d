package dev.rockstar.tenancy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.PrometheusText;
import dev.rockstar.tenancy.testing.SlowRequestProbe;
import dev.rockstar.tenancy.testing.TenancyClient;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.hawkular.agent.prometheus.types.MetricType;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} is Prometheus text format 0.0.4 on every server, and every value under a
 * {@code _seconds} name is in seconds: requests held for a known time read back as that time.
 */
class MetricsInSecondsIT extends DeployedWarTest {

    static final long DELAY_MILLIS = 200;
    static final int REQUESTS = 5;
    /** What Prometheus sends when it scrapes the 0.0.4 text format. */
    static final String PROMETHEUS_ACCEPT = "text/plain;version=0.0.4;q=1,*/*;q=0.1";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addClass(SlowRequestProbe.class);
    }

    @Test
    void theScrapeIsPrometheusTextFormat() {
        client.get("acme.test", "/api/tenant/info").assertStatus(200);
        TenancyClient.Reply reply = scrape();

        assertEquals("text/plain", reply.contentType(), reply.header("Content-Type"));
        Set<String> parameters = Arrays.stream(reply.header("Content-Type").split(";"))
                .map(p -> p.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        assertTrue(parameters.contains("version=0.0.4"), reply.header("Content-Type"));
        PrometheusText text = PrometheusText.parse(reply.body());
        assertEquals(
                MetricType.COUNTER,
                text.family("tenancy_requests_total").orElseThrow().getType());
        assertTrue(text.value("tenancy_requests_total", "acme") >= 1, reply.body());
        assertEquals(
                MetricType.HISTOGRAM,
                text.family(PrometheusText.DURATION).orElseThrow().getType());
        for (String suffix : new String[] {"_max", "_mean"}) {
            assertEquals(
                    MetricType.GAUGE,
                    text.family(PrometheusText.DURATION + suffix).orElseThrow().getType(),
                    suffix);
        }
    }

    @Test
    void requestsHeldForAKnownTimeReadBackAsThatTimeInSeconds() {
        String host = client.newTenant("slow");
        String tenant = TenancyClient.idOf(host);
        for (int i = 0; i < REQUESTS; i++) {
            client.get(host, "/api/tenant/info", SlowRequestProbe.HEADER, String.valueOf(DELAY_MILLIS))
                    .assertStatus(200);
        }

        PrometheusText text = PrometheusText.parse(scrape().body());
        assertEquals(REQUESTS, text.value("tenancy_requests_total", tenant));
        PrometheusText.Durations durations = text.durations(tenant);
        assertEquals(REQUESTS, durations.count(), durations::toString);
        Set<Double> bounds =
                Arrays.stream(DurationSeries.BUCKETS).boxed().collect(Collectors.toCollection(HashSet::new));
        bounds.add(Double.POSITIVE_INFINITY);
        assertEquals(bounds, durations.buckets().keySet(), durations::toString);

        // At least the delay; the upper bound is loose for a busy machine, yet a thousand times
        // below what milliseconds (let alone nanoseconds) under a seconds name would read.
        double seconds = DELAY_MILLIS / 1000.0;
        durations.buckets().forEach((le, requests) -> {
            if (le < seconds) {
                assertEquals(0, requests, () -> "le=" + le + ": " + durations);
            }
        });
        assertEquals(REQUESTS, durations.buckets().get(Double.POSITIVE_INFINITY), durations::toString);
        assertAbout(seconds, durations.quantileBound(0.99), "the bucket of the 0.99 quantile", durations);
        assertAbout(seconds, durations.sum() / durations.count(), "sum / count", durations);
        assertAbout(seconds, durations.mean(), "mean", durations);
        assertAbout(seconds, durations.max(), "max", durations);
        assertAbout(REQUESTS * seconds, durations.sum(), "sum", durations);
    }

    private static void assertAbout(double seconds, double actual, String what, PrometheusText.Durations all) {
        assertTrue(
                actual >= seconds && actual <= 10 * seconds,
                () -> what + " " + actual + " is not between " + seconds + " and " + 10 * seconds + " s: " + all);
    }

    private TenancyClient.Reply scrape() {
        return client.metrics(PrometheusText.applicationMetrics(), PROMETHEUS_ACCEPT)
                .assertStatus(200);
    }
}
