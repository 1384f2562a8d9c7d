package dev.rockstar.tenancy.admin.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.metrics.TenantMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestsChartTest {

    private static final double BOTTOM = RequestsChart.TOP + RequestsChart.PLOT_HEIGHT;

    @Test
    void theBusiestMinuteReachesTheTopAndAQuietOneStaysOnTheBaseline() {
        RequestsChart chart = new RequestsChart(
                List.of(
                        new TenantMetrics.RecentCounts("acme", new long[] {0, 2, 4}),
                        new TenantMetrics.RecentCounts("globex", new long[] {1, 0, 0})),
                3);

        assertEquals(2, chart.getLines().size());
        RequestsChart.Line acme = chart.getLines().get(0);
        assertEquals("series-0", acme.cssClass());
        assertEquals(6, acme.total());
        String[] points = acme.points().split(" ");
        assertEquals((double) RequestsChart.LEFT, Double.parseDouble(points[0].split(",")[0]));
        assertEquals(BOTTOM, y(points[0]));
        assertEquals((double) RequestsChart.TOP, y(points[2]));
        assertEquals(
                RequestsChart.LEFT + RequestsChart.PLOT_WIDTH,
                Double.parseDouble(points[2].split(",")[0]));
        assertEquals(
                List.of(0L, 2L, 4L),
                chart.getTicks().stream().map(RequestsChart.Tick::value).toList());
        assertTrue(y(chart.getLines().get(1).points().split(" ")[0]) < BOTTOM);
    }

    @Test
    void noTrafficDrawsNoLines() {
        assertTrue(new RequestsChart(List.of(), 15).isQuiet());
    }

    private static double y(String point) {
        return Double.parseDouble(point.split(",")[1]);
    }
}
