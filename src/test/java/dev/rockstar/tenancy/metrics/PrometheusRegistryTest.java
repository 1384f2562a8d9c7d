package dev.rockstar.tenancy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class PrometheusRegistryTest {

    @Test
    void writesPayarasNamesAndLabelsInSecondsPerTenant() {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.record("acme", Duration.ofMillis(100));
        registry.record("acme", Duration.ofMillis(300));
        registry.record("globex", Duration.ofMillis(50));

        List<String> lines = registry.scrape().lines().toList();
        assertTrue(lines.contains("tenancy_requests_total{mp_scope=\"application\",tenant=\"acme\"} 2.0"), lines::toString);
        assertTrue(lines.contains("tenancy_requests_total{mp_scope=\"application\",tenant=\"globex\"} 1.0"), lines::toString);
        assertTrue(lines.contains("tenancy_request_duration_seconds_count{mp_scope=\"application\",tenant=\"acme\"} 2.0"));
        assertTrue(lines.contains("tenancy_request_duration_seconds_sum{mp_scope=\"application\",tenant=\"acme\"} 0.4"));
        assertTrue(lines.contains("tenancy_request_duration_seconds_max{mp_scope=\"application\",tenant=\"acme\"} 0.3"));
        assertTrue(lines.contains("tenancy_request_duration_seconds_mean{mp_scope=\"application\",tenant=\"acme\"} 0.2"));
        assertTrue(lines.contains("# TYPE tenancy_requests_total counter"));
        assertTrue(lines.contains("# TYPE tenancy_request_duration_seconds summary"));
    }

    @Test
    void everySampleLineIsWellFormedAndTenantsAreSorted() {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.record("zeta", Duration.ofNanos(1));
        registry.record("alpha", Duration.ofNanos(1));
        List<String> samples = registry.scrape().lines().filter(l -> !l.startsWith("#")).toList();
        assertEquals(10, samples.size(), samples::toString);
        samples.forEach(line -> assertTrue(line.matches("[a-z_]+\\{mp_scope=\"application\",tenant=\"[a-z]+\"\\} \\S+"), line));
        assertTrue(samples.get(0).contains("alpha") && samples.get(1).contains("zeta"), samples::toString);
    }

    @Test
    void aForgottenTenantDisappears() {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.record("acme", Duration.ofMillis(1));
        registry.record(SeriesBudget.OTHER, Duration.ofMillis(1));
        registry.forget("acme");
        String text = registry.scrape();
        assertFalse(text.contains("acme"), text);
        assertTrue(text.contains("tenant=\"_other\""), text);
    }

    @Test
    void labelValuesAreEscaped() {
        assertEquals("a\\\\b\\\"c\\nd", PrometheusRegistry.escape("a\\b\"c\nd"));
    }
}
