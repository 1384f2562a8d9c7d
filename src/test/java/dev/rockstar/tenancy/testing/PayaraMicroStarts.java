package dev.rockstar.tenancy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.deployment.Deployment;

/**
 * Each start and stop of Payara Micro by its Arquillian adapter (arquillian-payara-micro-managed,
 * which starts one server per deployment), with what the adapter leaves undone:
 *
 * <ul>
 *   <li>Payara Micro's own boot hangs now and then (its run-level threads deadlock on an HK2 lock
 *       before any application is deployed) and never says it is ready. The adapter then fails
 *       after {@code startupTimeoutInSeconds} and leaves that server running. Here such a start is
 *       killed, with a thread dump kept, and tried once more; any other failure fails at once.
 *   <li>With {@code outputToConsole} off the adapter keeps the server's output in memory only;
 *       here each start's output up to ready (or up to the failure) goes to
 *       {@code target/payara-micro-logs/<n>-<test class>.log}, quietly, so that a failed run in CI
 *       leaves it behind.
 *   <li>The adapter stops a server with SIGTERM and does not wait; here a stop waits for the
 *       server to end (and kills it if it will not), so that no server outlives the suite and the
 *       next one does not boot beside one still shutting down.
 * </ul>
 *
 * <p>The adapter exposes none of this, so two of its private fields (version 3.1) are read: the
 * server's {@link Process} and the output it has read so far; a version without them fails the
 * first start, saying so.
 */
final class PayaraMicroStarts {

    private static final Logger LOG = Logger.getLogger(PayaraMicroStarts.class.getName());

    static final String ADAPTER = "fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer";

    /** The adapter's message when the server did not report its instance configuration in time. */
    static final String NOT_STARTED = "No applications were found deployed to Payara Micro.";

    /**
     * Payara Micro logs this (NCLS-CORE-00017, on 6 and 7) when its own boot is done, before it
     * deploys anything: without it, the start hung in Payara Micro itself, not in the WAR.
     */
    static final String BOOTED = "startup time :";

    /** How Payara reports a WAR that failed to deploy (as {@code PayaraMicroProcess} reads it). */
    private static final List<String> DEPLOYMENT_FAILED = List.of(
            "Exception while loading the app",
            "Exception while preparing the app",
            "Exception during lifecycle processing");

    private static final Pattern READY_IN = Pattern.compile("ready in ([\\d,.]+) \\(ms\\)");
    private static final Path LOGS = Path.of("target", "payara-micro-logs");
    private static final Duration STOP = Duration.ofSeconds(60);
    private static final Duration THREAD_DUMP = Duration.ofSeconds(20);
    private static final AtomicInteger STARTS = new AtomicInteger(firstFreeNumber());

    /** Every server started, for a last kill when the tests' JVM ends before it stopped them. */
    private static final Set<Process> SERVERS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> SERVERS.forEach(server -> end(server, Duration.ofSeconds(20))), "payara-micro-reaper"));
    }

    private PayaraMicroStarts() {}

    static boolean isPayaraMicro(DeployableContainer<?> container) {
        return container.getClass().getName().equals(ADAPTER);
    }

    /**
     * Runs the adapter's deploy ({@code start}, Arquillian's own deploy with its events), and once
     * more when Payara Micro's boot hung.
     */
    static void start(DeployableContainer<?> adapter, Deployment deployment, String testClass, Runnable start)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            Process before = process(adapter);
            Path log = LOGS.resolve(String.format("%03d-%s.log", STARTS.getAndIncrement(), testClass));
            Instant began = Instant.now();
            try {
                start.run();
            } catch (Exception failure) {
                long seconds = Duration.between(began, Instant.now()).toSeconds();
                Process server = process(adapter) == before ? null : process(adapter);
                if (server == null) {
                    throw failure; // no server started: nothing of Payara Micro's to report or end
                }
                String output = output(adapter);
                boolean alive = server.isAlive();
                boolean hung = bootHung(failure, alive, output);
                keep(log, server, testClass, attempt, output);
                if (hung) {
                    appendThreadDump(log, server);
                }
                end(server, Duration.ZERO);
                if (hung && attempt == 1) {
                    LOG.warning(() -> "RETRYING the start of Payara Micro for " + testClass + ": its boot did not"
                            + " finish within " + seconds + " s (the adapter: \"" + failure.getMessage() + "\");"
                            + " killed it (pid " + server.pid() + "), its output and a thread dump are in " + log
                            + "; starting it once more");
                    continue;
                }
                throw new DeploymentException(
                        why(hung, alive, server, seconds, attempt) + "; its output: " + log + "\n" + tail(output),
                        failure);
            }
            Process server = process(adapter);
            if (server == null || server == before) {
                return; // the adapter said nothing started (it returns no metadata then), as before
            }
            String output = output(adapter);
            keep(log, server, testClass, attempt, output);
            SERVERS.add(server);
            if (attempt > 1) {
                // The first try's failure stays on the deployment otherwise (deployed() keeps it).
                deployment.deployedWithError(null);
            }
            if (deploymentFailed(output)) {
                // Payara Micro runs on without the WAR: say why here, not through every test's 404.
                DeploymentException failed =
                        new DeploymentException("the WAR failed to deploy on Payara Micro (not retried); its output: "
                                + log + "\n" + firstErrors(output));
                deployment.deployedWithError(failed);
                end(server, STOP);
                throw failed;
            }
            String started = "Payara Micro started for " + testClass + " in "
                    + Duration.between(began, Instant.now()).toSeconds() + " s (" + readyIn(output) + ")"
                    + (attempt > 1 ? " on the second try" : "") + "; its output up to then: " + log;
            LOG.info(started);
            return;
        }
    }

    /** After the adapter's undeploy, which sent SIGTERM: the server ends before the next one starts. */
    static void stopped(DeployableContainer<?> adapter) {
        Process server = process(adapter);
        if (server != null) {
            end(server, STOP);
        }
    }

    /**
     * Whether a failed start is Payara Micro's own boot hanging, the one failure worth a second try:
     * the adapter's time-out, on a server still running that never finished booting. A server that
     * exited, or booted and then failed (or took too long) to deploy the WAR, is the WAR's or the
     * machine's failure, and a second try would only repeat it.
     */
    static boolean bootHung(Throwable failure, boolean alive, String output) {
        return alive && isStartTimeOut(failure) && !output.contains(BOOTED) && !deploymentFailed(output);
    }

    static boolean isStartTimeOut(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DeploymentException && NOT_STARTED.equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    static boolean deploymentFailed(String output) {
        return DEPLOYMENT_FAILED.stream().anyMatch(output::contains);
    }

    private static String why(boolean hung, boolean alive, Process server, long seconds, int attempt) {
        if (hung) {
            return "Payara Micro's boot hung on " + (attempt > 1 ? "both tries" : "the first try") + ", each given "
                    + seconds + " s";
        }
        if (!alive) {
            return "Payara Micro exited with " + server.exitValue() + " after " + seconds + " s, before it was ready";
        }
        return "Payara Micro was not ready after " + seconds + " s (its boot finished: the WAR's deployment took"
                + " too long; not retried)";
    }

    /**
     * SIGTERM (a clean stop: an embedded database closes), then SIGKILL after {@code grace} (at once
     * for zero). Then closes the server's output: of a server that ended by itself rather than by
     * {@link Process#destroy()} (which closes it), the adapter's reader would otherwise loop on the
     * end of that output for the rest of the run, a core's worth of CPU.
     */
    private static void end(Process server, Duration grace) {
        try {
            if (grace.isZero()) {
                kill(server);
            } else if (server.isAlive()) {
                server.destroy();
                if (!server.waitFor(grace.toSeconds(), TimeUnit.SECONDS)) {
                    LOG.warning(() -> "Payara Micro (pid " + server.pid() + ") did not stop within " + grace.toSeconds()
                            + " s: killing it");
                    kill(server);
                }
            }
            server.getInputStream().close();
        } catch (IOException e) {
            LOG.fine(() -> "Closing Payara Micro's output: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SERVERS.remove(server);
    }

    private static void kill(Process server) throws InterruptedException {
        server.descendants().forEach(ProcessHandle::destroyForcibly);
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    private static void keep(Path log, Process server, String testClass, int attempt, String output) {
        String command =
                "pid " + server.pid() + ": " + server.info().commandLine().orElse("?");
        write(log, "# Payara Micro for " + testClass + ", try " + attempt + ", " + command + "\n" + output);
    }

    /** {@code jcmd Thread.print}: where a hung server's threads wait, for the report on its hang. */
    private static void appendThreadDump(Path log, Process server) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return;
        }
        try {
            write(log, "\n# Thread dump (" + jcmd + " " + server.pid() + " Thread.print)\n", StandardOpenOption.APPEND);
            Process dump = new ProcessBuilder(jcmd.toString(), String.valueOf(server.pid()), "Thread.print")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!dump.waitFor(THREAD_DUMP.toSeconds(), TimeUnit.SECONDS)) {
                dump.destroyForcibly();
            }
        } catch (IOException e) {
            LOG.warning(() -> "No thread dump of Payara Micro: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(Path log, String text, StandardOpenOption... options) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, text, StandardCharsets.UTF_8, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readyIn(String output) {
        Matcher matcher = READY_IN.matcher(output);
        return matcher.find() ? "Payara Micro: ready in " + matcher.group(1) + " ms" : "no \"ready in\"";
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return lines.subList(Math.max(0, lines.size() - 15), lines.size()).stream()
                .map(PayaraMicroStarts::shortened)
                .collect(Collectors.joining("\n"));
    }

    private static String firstErrors(String output) {
        return output.lines()
                .filter(line -> line.contains("SEVERE") || line.contains("Exception") || line.startsWith("Caused by"))
                .limit(20)
                .map(PayaraMicroStarts::shortened)
                .collect(Collectors.joining("\n"));
    }

    private static String shortened(String line) {
        return line.length() > 400 ? line.substring(0, 400) + " ..." : line;
    }

    /** Numbers go on across the executions of one build (they share target/), which clean resets. */
    private static int firstFreeNumber() {
        try (Stream<Path> logs = Files.list(LOGS)) {
            return logs.map(path -> path.getFileName().toString())
                            .filter(name -> name.matches("\\d+-.*"))
                            .mapToInt(name -> Integer.parseInt(name.substring(0, name.indexOf('-'))))
                            .max()
                            .orElse(0)
                    + 1;
        } catch (IOException e) {
            return 1;
        }
    }

    private static Process process(DeployableContainer<?> adapter) {
        return (Process) field(adapter, "payaraMicroProcess");
    }

    private static String output(DeployableContainer<?> adapter) {
        Object output = field(adapter, "log");
        return output == null ? "" : output.toString();
    }

    private static Object field(DeployableContainer<?> adapter, String name) {
        try {
            Field field = adapter.getClass().getDeclaredField(name);
            field.setAccessible(true);
            return field.get(adapter);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    ADAPTER + " has no field " + name + " any more: PayaraMicroStarts reads it (adapter 3.1)", e);
        }
    }
}
