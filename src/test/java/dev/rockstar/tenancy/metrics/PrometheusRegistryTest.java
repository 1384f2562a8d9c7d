package dev.rockstar.tenancy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.PrometheusText;
import dev.rockstar.tenancy.testing.Promtool;
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
        assertTrue(
                lines.contains("tenancy_requests_total{mp_scope=\"application\",tenant=\"acme\"} 2.0"),
                lines::toString);
        assertTrue(
                lines.contains("tenancy_requests_total{mp_scope=\"application\",tenant=\"globex\"} 1.0"),
                lines::toString);
        assertTrue(
                lines.contains("tenancy_request_duration_seconds_count{mp_scope=\"application\",tenant=\"acme\"} 2.0"));
        assertTrue(
                lines.contains("tenancy_request_duration_seconds_sum{mp_scope=\"application\",tenant=\"acme\"} 0.4"));
        assertTrue(
                lines.contains("tenancy_request_duration_seconds_max{mp_scope=\"application\",tenant=\"acme\"} 0.3"));
        assertTrue(
                lines.contains("tenancy_request_duration_seconds_mean{mp_scope=\"application\",tenant=\"acme\"} 0.2"));
        assertTrue(
                lines.contains(
                        "tenancy_request_duration_seconds_bucket{mp_scope=\"application\",tenant=\"acme\",le=\"0.1\"} 1.0"),
                lines::toString);
        assertTrue(
                lines.contains(
                        "tenancy_request_duration_seconds_bucket{mp_scope=\"application\",tenant=\"acme\",le=\"0.5\"} 2.0"),
                lines::toString);
        assertTrue(
                lines.contains(
                        "tenancy_request_duration_seconds_bucket{mp_scope=\"application\",tenant=\"acme\",le=\"+Inf\"} 2.0"),
                lines::toString);
        assertTrue(lines.contains("# TYPE tenancy_requests_total counter"));
        assertTrue(lines.contains("# TYPE tenancy_request_duration_seconds histogram"));
    }

    @Test
    void aPrometheusParserReadsEverySampleInSeconds() {
        PrometheusRegistry registry = new PrometheusRegistry();
        for (int ms = 1; ms <= 100; ms++) {
            registry.record("acme", Duration.ofMillis(ms));
        }
        registry.record("globex", Duration.ofNanos(1));

        PrometheusText text = PrometheusText.parse(registry.scrape());
        assertEquals(100, text.value("tenancy_requests_total", "acme"));
        PrometheusText.Durations acme = text.durations("acme");
        assertEquals(100, acme.count());
        assertEquals(5.05, acme.sum(), 1e-9);
        assertEquals(0.1, acme.max(), 1e-9);
        assertEquals(0.0505, acme.mean(), 1e-9);
        assertEquals(5, acme.buckets().get(0.005), acme::toString);
        assertEquals(50, acme.buckets().get(0.05), acme::toString);
        assertEquals(100, acme.buckets().get(0.1), acme::toString);
        assertEquals(100, acme.buckets().get(Double.POSITIVE_INFINITY), acme::toString);
        assertEquals(0.1, acme.quantileBound(0.99));
        assertEquals(0.05, acme.quantileBound(0.5));
        assertEquals(0.005, text.durations("globex").quantileBound(0.99));
    }

    @Test
    void everySampleLineIsWellFormedAndTenantsAreSorted() {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.record("zeta", Duration.ofNanos(1));
        registry.record("alpha", Duration.ofNanos(1));
        List<String> samples = registry.scrape()
                .lines()
                .filter(l ->
                        !l.startsWith("#") && !l.startsWith("tenancy_audit_") && !l.startsWith("tenancy_operator_"))
                .toList();
        int perTenant = 1 + DurationSeries.BUCKETS.length + 1 + 4; // total; buckets, +Inf, count, sum; max; mean
        assertEquals(2 * perTenant, samples.size(), samples::toString);
        samples.forEach(line -> assertTrue(
                line.matches("[a-z_]+\\{mp_scope=\"application\",tenant=\"[a-z]+\"(,le=\"([0-9.]+|\\+Inf)\")?\\} \\S+"),
                line));
        assertTrue(samples.get(0).contains("alpha") && samples.get(1).contains("zeta"), samples::toString);
    }

    @Test
    void droppedAuditEntriesAreCountedWithoutATenant() {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.auditDropped();
        registry.auditDropped();
        assertTrue(registry.scrape()
                .lines()
                .anyMatch("tenancy_audit_dropped_total{mp_scope=\"application\"} 2.0"::equals));
    }

    @Test
    void wrongOperatorPasswordsAreCountedWithoutATenant() {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.operatorLoginFailed();
        assertTrue(registry.scrape()
                .lines()
                .anyMatch("tenancy_operator_login_failures_total{mp_scope=\"application\"} 1.0"::equals));
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
    void anEmptyRegistryIsStillValidText() {
        PrometheusText text = PrometheusText.parse(new PrometheusRegistry().scrape());
        assertEquals(0, text.value("tenancy_requests_total", "acme"));
    }

    @Test
    void labelValuesAreEscaped() {
        assertEquals("a\\\\b\\\"c\\nd", PrometheusRegistry.escape("a\\b\"c\nd"));
    }

    @Test
    void valuesTheFormatSpellsItsOwnWay() {
        assertEquals("+Inf", PrometheusRegistry.value(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", PrometheusRegistry.value(Double.NEGATIVE_INFINITY));
        assertEquals("NaN", PrometheusRegistry.value(Double.NaN));
        assertEquals("0.022", PrometheusRegistry.value(0.022));
    }

    @Test
    void aTenantsSqlTimeAndRowsReadAreCountersInSecondsAndGoWithItsSeries() {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.sql("acme", 1_500_000, 3);
        registry.sql("acme", 500_000, 2);
        registry.sql("globex", 1_000, 0);
        PrometheusText text = PrometheusText.parse(registry.scrape());
        assertEquals(0.002, text.value("tenancy_sql_seconds_total", "acme"), 1e-12);
        assertEquals(5, text.value("tenancy_sql_rows_read_total", "acme"));
        assertTrue(registry.scrape().contains("# TYPE tenancy_sql_seconds_total counter\n"));

        registry.forget("acme");
        assertFalse(PrometheusText.parse(registry.scrape())
                .byTenant("tenancy_sql_rows_read_total")
                .containsKey("acme"));
    }

    @Test
    void promtoolFindsNothingToSayAboutTheScrape() {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.record("acme", Duration.ofMillis(3));
        registry.record("acme", Duration.ofSeconds(30));
        registry.record("globex", Duration.ofMillis(120));
        registry.record(SeriesBudget.OTHER, Duration.ofMillis(1));
        registry.sql("acme", 1_500_000, 3);
        registry.auditDropped();
        Promtool.assertClean("the registry's scrape", registry.scrape());
    }

    @Test
    void theApplicationsScopeIsEveryFormWithoutAnotherScope() {
        assertTrue(MetricsEndpoint.isApplicationScope("/metrics", null));
        assertTrue(MetricsEndpoint.isApplicationScope("/metrics/", ""));
        assertTrue(MetricsEndpoint.isApplicationScope("/metrics", "application"));
        assertTrue(MetricsEndpoint.isApplicationScope("/metrics/application", null));
        assertFalse(MetricsEndpoint.isApplicationScope("/metrics", "base"));
        assertFalse(MetricsEndpoint.isApplicationScope("/metrics/vendor", null));
        assertFalse(MetricsEndpoint.isApplicationScope("/metrics/application/tenancy_requests_total", null));
    }
}
