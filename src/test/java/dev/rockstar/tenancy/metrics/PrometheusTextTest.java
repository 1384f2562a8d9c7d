package dev.rockstar.tenancy.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
