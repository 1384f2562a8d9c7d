package dev.rockstar.tenancy.admin.console;

import dev.rockstar.tenancy.metrics.TenantMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's picture: requests per minute of the busiest tenants as lines in an SVG the
 * server draws, so the page needs no script and the CSP allows none. Coordinates only; the page
 * lays them out, the stylesheet colours them ({@code series-0} ...).
 */
public final class RequestsChart {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 240;
    public static final int LEFT = 48;
    public static final int TOP = 12;
    public static final int PLOT_WIDTH = WIDTH - LEFT - 12;
    public static final int PLOT_HEIGHT = HEIGHT - TOP - 28;

    /** One tenant's line: its id (shown as text), CSS class, SVG points and total. */
    public record Line(String tenantId, String cssClass, String points, long total) {}

    /** A horizontal grid line with its label. */
    public record Tick(int y, long value) {}

    private final List<Line> lines = new ArrayList<>();
    private final List<Tick> ticks = new ArrayList<>();
    private final int minutes;

    RequestsChart(List<TenantMetrics.RecentCounts> busiest, int minutes) {
        this.minutes = minutes;
        long max = 1;
        for (TenantMetrics.RecentCounts series : busiest) {
            for (long count : series.perMinute()) {
                max = Math.max(max, count);
            }
        }
        for (int i = 0; i < busiest.size(); i++) {
            TenantMetrics.RecentCounts series = busiest.get(i);
            StringBuilder points = new StringBuilder();
            long[] counts = series.perMinute();
            for (int m = 0; m < counts.length; m++) {
                points.append(m == 0 ? "" : " ")
                        .append(String.format(Locale.ROOT, "%.1f,%.1f", x(m, counts.length), y(counts[m], max)));
            }
            lines.add(new Line(series.tenantId(), "series-" + i, points.toString(), series.total()));
        }
        for (long value : new long[] {0, max / 2, max}) {
            if (ticks.stream().noneMatch(t -> t.value() == value)) {
                ticks.add(new Tick((int) Math.round(y(value, max)), value));
            }
        }
    }

    private static double x(int minute, int of) {
        return LEFT + (of <= 1 ? 0 : (double) PLOT_WIDTH * minute / (of - 1));
    }

    private static double y(long count, long max) {
        return TOP + PLOT_HEIGHT - (double) PLOT_HEIGHT * count / max;
    }

    public List<Line> getLines() {
        return lines;
    }

    public List<Tick> getTicks() {
        return ticks;
    }

    public String getOldestLabel() {
        return "-" + (minutes - 1) + " min";
    }

    public int getBottom() {
        return TOP + PLOT_HEIGHT;
    }

    public int getRight() {
        return LEFT + PLOT_WIDTH;
    }

    /** No tenant had a request in the window. */
    public boolean isQuiet() {
        return lines.isEmpty();
    }
}
