package dev.rockstar.tenancy.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.CacheProbe;
import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The isolation fuzz ({@link IsolationFuzz}) against the deployed WAR, with the cache probe's
 * endpoints for the cached reads, its tenants spread over {@code shared} and the deployment's
 * schema placements and moved between them while it runs; at the end every tenant's rows are
 * counted by SQL where its entry says they are, and nowhere else. In a PostgreSQL run also over
 * the deployment's database placement, whose database is stopped for {@code fuzz.outage.millis}
 * (4 s) after {@code fuzz.outage.warmup.millis} (4 s) and started again ({@link PlacementOutage}),
 * and every database is read straight as well ({@link StoredRows}).
 * By default a short run that is part of {@code mvn verify} on
 * every server: 5,000 operations, 8 threads, 50 tenants, a new seed each run (printed). The long
 * run and the soak are the same test with system properties (docs/RELIABILITY.md):
 * <pre>
 * mvn verify -Pfast -Dit.test=IsolationFuzzIT -Dfuzz.operations=100000 -Dfuzz.seed=42
 * mvn verify -Pfast -Dit.test=IsolationFuzzIT -Dfuzz.soak.seconds=60 -Dfuzz.threads=200 -Dfuzz.seed=42
 * </pre>
 * {@code fuzz.seed}, {@code fuzz.operations}, {@code fuzz.threads}, {@code fuzz.tenants} (at
 * least the threads: each thread owns its tenants), {@code fuzz.logins} (each costs a 600,000-round
 * password hash), {@code fuzz.moves.overlap} (a tenant moved again or deleted while its last move
 * still removes its source rows); the soak ({@code fuzz.soak.seconds}, after {@code fuzz.soak.warmup.seconds} of
 * the same workload) measures Payara Micro's heap after a full GC before and after, with jcmd.
 */
@Tag(DependsOnDatabase.TAG)
class IsolationFuzzIT extends DeployedWarTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war()
                .addClasses(
                        CacheProbe.class,
                        CacheProbe.Computations.class,
                        CacheProbe.Scoped.class,
                        CacheProbe.Unscoped.class,
                        CacheProbe.OneKeyForEveryone.class);
    }

    @Test
    void noTenantEverSeesAnotherTenantsData() throws Exception {
        long seed = Long.getLong("fuzz.seed", ThreadLocalRandom.current().nextLong(1, 1_000_000_000L));
        long soakSeconds = Long.getLong("fuzz.soak.seconds", 0);
        int threads = Integer.getInteger("fuzz.threads", soakSeconds > 0 ? 200 : 8);
        int tenants = Math.max(threads, Integer.getInteger("fuzz.tenants", 50));
        long operations = soakSeconds > 0 ? 0 : Long.getLong("fuzz.operations", 5_000);
        int logins = Integer.getInteger("fuzz.logins", (int) Math.max(4, operations / 2_000));
        System.out.println("Isolation fuzz: seed " + seed + " (-Dfuzz.seed=" + seed + " replays the workload)");

        // A soak of 200 connections on a busy machine queues requests for longer than the usual 30 s.
        Duration timeout = Duration.ofSeconds(Long.getLong("fuzz.timeout.seconds", soakSeconds > 0 ? 180 : 30));
        IsolationFuzz fuzz = new IsolationFuzz(
                new TenancyClient(client.port(), timeout),
                new IsolationFuzz.Settings(
                        seed,
                        operations,
                        soakSeconds,
                        threads,
                        tenants,
                        logins,
                        Boolean.getBoolean("fuzz.moves.overlap")),
                new IsolationFuzz.Outage(
                        Long.getLong("fuzz.outage.warmup.millis", 4_000), Long.getLong("fuzz.outage.millis", 4_000)));
        fuzz.setUp();
        long started = System.nanoTime();
        String heap = "";
        if (soakSeconds > 0) {
            fuzz.run(Long.getLong("fuzz.soak.warmup.seconds", 20), 0);
            long warmup = fuzz.operations();
            long before = heapAfterFullGc();
            long soakStart = System.nanoTime();
            fuzz.run(soakSeconds, 0);
            double elapsed = (System.nanoTime() - soakStart) / 1e9;
            long after = heapAfterFullGc();
            heap = String.format(
                    "Soak: %d s with %d connections, %d operations (%.0f/s) after %d warm-up operations;"
                            + " heap after a full GC %d KiB before, %d KiB after (%+.1f %%)%n",
                    soakSeconds,
                    threads,
                    fuzz.operations() - warmup,
                    (fuzz.operations() - warmup) / elapsed,
                    warmup,
                    before,
                    after,
                    100.0 * (after - before) / before);
            System.out.print(heap);
            assertTrue(after <= before * 1.10, heap);
        } else {
            fuzz.run(0, operations);
        }
        long ran = System.nanoTime();
        fuzz.verifyPlacements();
        String report = fuzz.report()
                + String.format(
                        "  %.1f s (the last check of every tenant's rows in its placement %.1f s of it)%n",
                        (System.nanoTime() - started) / 1e9, (System.nanoTime() - ran) / 1e9)
                + heap;
        System.out.print(report);
        assertEquals(0, fuzz.leaks(), report);
        assertEquals(Map.of(), fuzz.errors(), report);
        assertTrue(fuzz.operations() >= operations, report);
        assertTrue(fuzz.movesDone() > 0, "tenants moved between placements while the fuzz ran\n" + report);
        fuzz.outage().ifPresent(outage -> {
            assertTrue(outage.hasBegun() && outage.isOver(), "the placement's database stopped and started\n" + report);
            assertEquals(null, outage.failure(), report);
        });
    }

    /** Used heap in KiB after a full GC, by jcmd on the Payara Micro this build started. */
    private static long heapAfterFullGc() throws IOException, InterruptedException {
        ProcessHandle server = ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("payara-micro"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the soak measures Payara Micro's heap; no such child process"));
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        jcmd(jcmd, server.pid(), "GC.run");
        String info = jcmd(jcmd, server.pid(), "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        assertTrue(used.find(), info);
        return Long.parseLong(used.group(1));
    }

    private static String jcmd(String jcmd, long pid, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(jcmd, Long.toString(pid), command))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "jcmd " + command);
        return output;
    }
}
