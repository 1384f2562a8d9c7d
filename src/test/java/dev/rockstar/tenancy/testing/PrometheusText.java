package dev.rockstar.tenancy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricsProcessor;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.MetricType;
import org.hawkular.agent.prometheus.types.Summary;
import org.hawkular.agent.prometheus.walkers.CollectorPrometheusMetricsWalker;

/**
 * A scrape read by a real Prometheus text-format parser (Hawkular's, a port of the Prometheus
 * Python client's), and the per-tenant duration series in it. That parser skips what it cannot
 * read instead of failing: a malformed line, or a metric written in two groups, which the format
 * forbids. So every sample line of the text must come out of it as a sample, else the text is
 * refused.
 * <pre>
 * PrometheusText text = PrometheusText.parse(
 *         client.metrics(PrometheusText.applicationMetrics(), "text/plain").assertStatus(200).body());
 * assertEquals(7, text.value("tenancy_requests_total", "acme"));
 * </pre>
 */
public final class PrometheusText {

    public static final String DURATION = "tenancy_request_duration_seconds";

    private final String text;
    private final Map<String, MetricFamily> families = new TreeMap<>();

    private PrometheusText(String text, List<MetricFamily> parsed) {
        this.text = text;
        parsed.forEach(family -> families.put(family.getName(), family));
    }

    /**
     * Where the application's metrics are scraped, on every server as a Prometheus job would with
     * {@code params: {scope: [application]}}. On Payara the server's other scopes live beside it.
     */
    public static String applicationMetrics() {
        return "/metrics?scope=application";
    }

    public static PrometheusText parse(String text) {
        CollectorPrometheusMetricsWalker walker = new CollectorPrometheusMetricsWalker();
        new TextPrometheusMetricsProcessor(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), walker)
                .walk();
        List<MetricFamily> parsed = walker.getAllMetricFamilies();
        Set<String> names = new HashSet<>();
        parsed.forEach(family -> assertTrue(
                names.add(family.getName()), () -> family.getName() + " is written in more than one group:\n" + text));
        long sampleLines = text.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .count();
        long samples = parsed.stream()
                .flatMap(f -> f.getMetrics().stream())
                .mapToLong(PrometheusText::samples)
                .sum();
        assertEquals(sampleLines, samples, () -> "sample lines the parser could not take:\n" + text);
        return new PrometheusText(text, parsed);
    }

    private static long samples(Metric metric) {
        if (metric instanceof Summary summary) {
            return summary.getQuantiles().size() + 2L; // _count and _sum
        }
        if (metric instanceof Histogram histogram) {
            return histogram.getBuckets().size() + 2L;
        }
        return 1;
    }

    public Optional<MetricFamily> family(String name) {
        return Optional.ofNullable(families.get(name));
    }

    /** A counter's or gauge's value for the tenant, 0 before its first request. */
    public double value(String name, String tenant) {
        return family(name)
                .flatMap(f -> metric(f, tenant))
                .map(PrometheusText::value)
                .orElse(0.0);
    }

    /** A counter's or gauge's value for each tenant that has one. */
    public Map<String, Double> byTenant(String name) {
        Map<String, Double> values = new TreeMap<>();
        family(name)
                .ifPresent(f -> f.getMetrics().stream()
                        .filter(m -> m.getLabels().containsKey("tenant"))
                        .forEach(m -> values.put(m.getLabels().get("tenant"), value(m))));
        return values;
    }

    /** Every tenant that a series of any metric is tagged with. */
    public Set<String> tenants() {
        Set<String> tenants = new TreeSet<>();
        families.values()
                .forEach(f -> f.getMetrics().stream()
                        .map(m -> m.getLabels().get("tenant"))
                        .filter(Objects::nonNull)
                        .forEach(tenants::add));
        return tenants;
    }

    /** The tenants with timings. */
    public Set<String> timedTenants() {
        Set<String> tenants = new TreeSet<>();
        family(DURATION)
                .ifPresent(f ->
                        f.getMetrics().forEach(m -> tenants.add(m.getLabels().get("tenant"))));
        return tenants;
    }

    /** The number of the tenant's timed requests, 0 before its first. */
    public long timed(String tenant) {
        return timedTenants().contains(tenant) ? durations(tenant).count() : 0;
    }

    /** The tenant's timings, a histogram with {@code _max} and {@code _mean} gauges beside it. */
    public Durations durations(String tenant) {
        MetricFamily family = family(DURATION).orElseThrow(() -> new AssertionError("no " + DURATION + ":\n" + text));
        assertEquals(MetricType.HISTOGRAM, family.getType(), DURATION);
        Histogram histogram = (Histogram) metric(family, tenant)
                .orElseThrow(() -> new AssertionError("no " + DURATION + " of " + tenant + ":\n" + text));
        Map<Double, Long> buckets = new TreeMap<>();
        histogram.getBuckets().forEach(b -> buckets.put(b.getUpperBound(), b.getCumulativeCount()));
        return new Durations(
                buckets,
                histogram.getSampleCount(),
                histogram.getSampleSum(),
                value(DURATION + "_max", tenant),
                value(DURATION + "_mean", tenant));
    }

    /** The text as it was scraped, for failure messages. */
    @Override
    public String toString() {
        return text;
    }

    /**
     * Every duration in seconds; {@code buckets} maps each upper bound ({@code le}, the last
     * infinite) to the requests that took at most that long.
     */
    public record Durations(Map<Double, Long> buckets, long count, double sum, double max, double mean) {

        /** The smallest bound that at least a share {@code q} of the requests stayed within. */
        public double quantileBound(double q) {
            return buckets.entrySet().stream()
                    .filter(b -> b.getValue() >= q * count)
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static Optional<Metric> metric(MetricFamily family, String tenant) {
        return family.getMetrics().stream()
                .filter(m -> tenant.equals(m.getLabels().get("tenant")))
                .findFirst();
    }

    private static double value(Metric metric) {
        if (metric instanceof Counter counter) {
            return counter.getValue();
        }
        if (metric instanceof Gauge gauge) {
            return gauge.getValue();
        }
        throw new AssertionError(metric.getName() + " is neither a counter nor a gauge");
    }
}
