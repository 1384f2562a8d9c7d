package dev.rockstar.tenancy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks around the parser refuse what the text format forbids, so a passing scrape means something. */
class PrometheusTextTest {

    private static final String TWO_TENANTS = """
            # HELP d_seconds_max help
            # TYPE d_seconds_max gauge
            d_seconds_max{tenant="acme"} 0.3
            d_seconds_max{tenant="globex"} 0.2
            """;

    @Test
    void takesValidText() {
        assertEquals(0.2, PrometheusText.parse(TWO_TENANTS).value("d_seconds_max", "globex"));
    }

    @Test
    void readsEachTenantsValue() {
        assertEquals(
                Map.of("acme", 0.3, "globex", 0.2),
                PrometheusText.parse(TWO_TENANTS).byTenant("d_seconds_max"));
        assertEquals(Map.of(), PrometheusText.parse(TWO_TENANTS).byTenant("other_total"));
        assertEquals(0.0, PrometheusText.parse(TWO_TENANTS).value("d_seconds_max", "initech"));
        assertEquals(Set.of("acme", "globex"), PrometheusText.parse(TWO_TENANTS).tenants());
    }

    @Test
    void readsTheTimingsWrittenAsOneHistogram() {
        PrometheusText text = PrometheusText.parse("""
                # TYPE tenancy_request_duration_seconds histogram
                tenancy_request_duration_seconds_bucket{tenant="acme",le="0.1"} 1.0
                tenancy_request_duration_seconds_bucket{tenant="acme",le="+Inf"} 2.0
                tenancy_request_duration_seconds_sum{tenant="acme"} 0.4
                tenancy_request_duration_seconds_count{tenant="acme"} 2.0
                tenancy_request_duration_seconds_bucket{tenant="globex",le="0.1"} 1.0
                tenancy_request_duration_seconds_bucket{tenant="globex",le="+Inf"} 1.0
                tenancy_request_duration_seconds_sum{tenant="globex"} 0.2
                tenancy_request_duration_seconds_count{tenant="globex"} 1.0
                # TYPE tenancy_request_duration_seconds_max gauge
                tenancy_request_duration_seconds_max{tenant="acme"} 0.3
                """);
        assertEquals(Set.of("acme", "globex"), text.timedTenants());
        assertEquals(2, text.timed("acme"));
        assertEquals(0, text.timed("initech"));
        assertEquals(0.4, text.durations("acme").sum());
        assertEquals(0.3, text.durations("acme").max());
        assertEquals(
                Map.of(0.1, 1L, Double.POSITIVE_INFINITY, 2L),
                text.durations("acme").buckets());
        assertEquals(0.1, text.durations("acme").quantileBound(0.5));
        assertEquals(Double.POSITIVE_INFINITY, text.durations("acme").quantileBound(0.99));
    }

    @Test
    void refusesAMetricWrittenInTwoGroups() {
        // What Payara writes for a timer with two tenants: each tenant's families in turn.
        String split = """
                # TYPE d_seconds_max gauge
                d_seconds_max{tenant="acme"} 0.3
                # TYPE d_seconds summary
                d_seconds{tenant="acme",quantile="0.5"} 0.1
                d_seconds_count{tenant="acme"} 2.0
                d_seconds_sum{tenant="acme"} 0.4
                d_seconds_max{tenant="globex"} 0.2
                d_seconds{tenant="globex",quantile="0.5"} 0.2
                d_seconds_count{tenant="globex"} 1.0
                d_seconds_sum{tenant="globex"} 0.2
                """;
        assertThrows(AssertionError.class, () -> PrometheusText.parse(split));
    }

    @Test
    void refusesAMalformedSample() {
        assertThrows(
                AssertionError.class, () -> PrometheusText.parse(TWO_TENANTS + "d_seconds_max{tenant=\"x\"} 0,5\n"));
        assertThrows(AssertionError.class, () -> PrometheusText.parse(TWO_TENANTS + "d_seconds_max{tenant=\"x} 1\n"));
    }

    @Test
    void refusesAMetricWithoutItsOwnGroup() {
        assertThrows(
                AssertionError.class, () -> PrometheusText.parse(TWO_TENANTS + "other_total{tenant=\"acme\"} 1\n"));
    }
}
