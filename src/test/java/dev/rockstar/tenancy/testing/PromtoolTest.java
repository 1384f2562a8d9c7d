package dev.rockstar.tenancy.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The check refuses what Prometheus refuses, so a clean scrape means something. */
class PromtoolTest {

    @Test
    void refusesDurationsWrittenAsGaugesWithQuantiles() {
        Promtool.path();
        // What Payara 6 wrote for the durations before they were a histogram.
        String gauges = """
                # HELP tenancy_request_duration_seconds Time to answer a tenant's request
                # TYPE tenancy_request_duration_seconds gauge
                tenancy_request_duration_seconds{mp_scope="application",quantile="0.5",tenant="acme"} 0.004
                """;
        AssertionError refused = assertThrows(AssertionError.class, () -> Promtool.assertClean("gauges", gauges));
        assertTrue(refused.getMessage().contains("quantile"), refused::getMessage);
    }

    @Test
    void acceptsAHistogram() {
        Promtool.assertClean("a histogram", """
                # HELP d_seconds Durations
                # TYPE d_seconds histogram
                d_seconds_bucket{tenant="acme",le="0.1"} 1
                d_seconds_bucket{tenant="acme",le="+Inf"} 2
                d_seconds_sum{tenant="acme"} 0.4
                d_seconds_count{tenant="acme"} 2
                """);
    }
}
