package dev.rockstar.tenancy.caching;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The three hits of {@link CacheHitBenchmark} side by side in one JVM: short batches of each in
 * turn (the order rotating), and the ratio of each tenant path to the raw batch next to it. On a
 * shared machine neighbouring batches see the same load, so the median of those ratios is steadier
 * than a ratio of two separate JMH runs. Prints the median and quartiles of the per-round ratios.
 *
 *   java -cp ... dev.rockstar.tenancy.caching.CacheHitSideBySide hazelcast|caffeine [seconds]
 */
public final class CacheHitSideBySide {

    private static long sink;

    private CacheHitSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        CacheHitBenchmark bench = new CacheHitBenchmark();
        bench.provider = args[0];
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
        bench.setUp();
        try {
            String[] names = {"rawHit", "tenantHit", "tenantCachedHit", "rawTenantKeyHit"};
            run(bench, names.length, 1_000, seconds / 3, null); // warm-up: all paths compiled alike
            // Then batches of about 1 ms: long against the timer, and short against the scheduler,
            // so that most batches run without another process taking the core in between.
            int batch = 100;
            while (time(bench, 0, batch) < 1_000_000L) {
                batch *= 2;
            }
            List<List<Double>> nanos = new ArrayList<>();
            for (int p = 0; p < names.length; p++) {
                nanos.add(new ArrayList<>());
            }
            run(bench, names.length, batch, seconds, nanos);
            double raw10 = quantile(nanos.get(0), 0.1) / batch;
            System.out.printf("%s: %d rounds of %d calls per path; raw hit: median %.1f ns, 10th percentile %.1f ns%n",
                    args[0], nanos.get(0).size(), batch, median(nanos.get(0)) / batch, raw10);
            for (int p = 1; p < names.length; p++) {
                List<Double> r = perRound(nanos.get(0), nanos.get(p));
                double path10 = quantile(nanos.get(p), 0.1) / batch;
                System.out.printf("  %-16s %.1f ns (10th percentile); throughput ratio to raw: %.3f of the 10th"
                        + " percentiles, %.3f median of the rounds (quartiles %.3f .. %.3f)%n",
                        names[p], path10, raw10 / path10, median(r), quantile(r, 0.25), quantile(r, 0.75));
            }
            // the product's own share: each tenant path against the raw get with the same kind of key
            for (int p = 1; p <= 2; p++) {
                List<Double> own = perRound(nanos.get(3), nanos.get(p));
                System.out.printf("  %-16s throughput ratio to rawTenantKeyHit (the product's own share): %.3f median"
                        + " of the rounds (quartiles %.3f .. %.3f)%n",
                        names[p], median(own), quantile(own, 0.25), quantile(own, 0.75));
            }
        } finally {
            bench.tearDown();
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    /** Each round's throughput ratio of a path to a reference path: the reference's time over the path's. */
    private static List<Double> perRound(List<Double> referenceNanos, List<Double> pathNanos) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < referenceNanos.size(); i++) {
            ratios.add(referenceNanos.get(i) / pathNanos.get(i));
        }
        return ratios;
    }

    /** Rounds of every path in turn; each round's time per path added to {@code collected}, when given. */
    private static void run(CacheHitBenchmark bench, int paths, int batch, long seconds, List<List<Double>> collected)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int round = 0;
        while (System.nanoTime() < end) {
            long[] nanos = new long[paths];
            for (int i = 0; i < paths; i++) {
                int p = (i + round) % paths;
                nanos[p] = time(bench, p, batch);
            }
            if (collected != null) {
                for (int p = 0; p < paths; p++) {
                    collected.get(p).add((double) nanos[p]);
                }
            }
            round++;
        }
    }

    /** One loop per path, so that no call site in a loop sees more than one path. */
    private static long time(CacheHitBenchmark bench, int path, int calls) throws Exception {
        long start = System.nanoTime();
        long hits = 0;
        switch (path) {
            case 0 -> {
                for (int i = 0; i < calls; i++) {
                    hits += bench.rawHit() == null ? 0 : 1;
                }
            }
            case 1 -> {
                for (int i = 0; i < calls; i++) {
                    hits += bench.tenantHit() == null ? 0 : 1;
                }
            }
            case 2 -> {
                for (int i = 0; i < calls; i++) {
                    hits += bench.tenantCachedHit() == null ? 0 : 1;
                }
            }
            default -> {
                for (int i = 0; i < calls; i++) {
                    hits += bench.rawTenantKeyHit() == null ? 0 : 1;
                }
            }
        }
        long nanos = System.nanoTime() - start;
        sink += hits;
        return nanos;
    }

    private static double median(List<Double> values) {
        return quantile(values, 0.5);
    }

    private static double quantile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.round(q * (sorted.size() - 1))));
    }
}
