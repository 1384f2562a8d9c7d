package dev.rockstar.tenancy.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Payara Micro process started by hand, for what Arquillian's one-process-per-deployment
 * cannot show: the same server root (and so the same embedded database) across restarts, and the
 * server's log. Runs the packaged WAR, clustering off.
 */
public final class PayaraMicroProcess implements ServerProcess {

    private static final Duration STARTUP = Duration.ofMinutes(4);

    private final Process process;
    private final Path log;
    private final int port;

    private PayaraMicroProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * @param rootDir the server's root; reuse it to restart with the same embedded database
     * @param config system properties for the server, as an operator would pass them
     */
    public static PayaraMicroProcess start(Path rootDir, Path logFile, Map<String, String> config) {
        return start(Path.of(Deployments.WAR), rootDir, logFile, config, true, defaultExtraOptions());
    }

    /** With Payara Micro options of the test's own instead of the run's (say, another datasource). */
    public static PayaraMicroProcess start(Path rootDir, Path logFile, Map<String, String> config,
                                           List<String> extraOptions) {
        return start(Path.of(Deployments.WAR), rootDir, logFile, config, true, extraOptions);
    }

    /**
     * Starts a WAR that is expected not to deploy; returns once Payara is up, with the log to read.
     */
    public static PayaraMicroProcess startFailing(Path war, Path rootDir, Path logFile, Map<String, String> config) {
        return start(war, rootDir, logFile, config, false, defaultExtraOptions());
    }

    /** The same extra options as the Arquillian container (the PostgreSQL run adds its datasource). */
    private static List<String> defaultExtraOptions() {
        String extra = System.getProperty("payara.extraMicroOptions", "").strip();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    private static PayaraMicroProcess start(Path war, Path rootDir, Path logFile, Map<String, String> config,
                                            boolean mustDeploy, List<String> extraOptions) {
        String microJar = System.getProperty("payara.microJar");
        if (microJar == null) {
            fail("payara.microJar is not set: run through Maven (mvn verify)");
        }
        try {
            int port = freePort();
            Path properties = Files.createTempFile("tenancy-it", ".properties");
            Files.writeString(properties, Deployments.properties(config));
            Files.createDirectories(logFile.getParent());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-jar", microJar, "--nocluster", "--port", String.valueOf(port),
                    "--rootDir", rootDir.toString(), "--systemProperties", properties.toString(),
                    "--deploy", war.toAbsolutePath().toString(), "--contextroot", "/"));
            command.addAll(extraOptions);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            PayaraMicroProcess micro = new PayaraMicroProcess(process, logFile, port);
            micro.awaitReady(mustDeploy);
            return micro;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean deploymentFailed() {
        String text = log();
        return text.contains("Exception while loading the app") || text.contains("Exception while preparing the app")
                || text.contains("Exception during lifecycle processing");
    }

    private void awaitReady(boolean mustDeploy) {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (log().contains("ready in")) {
                if (mustDeploy && deploymentFailed()) {
                    close();
                    fail("the WAR failed to deploy; see " + log);
                }
                return;
            }
            if (!process.isAlive()) {
                fail("Payara Micro exited with " + process.exitValue() + "; see " + log);
            }
            sleep(250);
        }
        close();
        fail("Payara Micro was not ready within " + STARTUP + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: Payara shuts down cleanly and closes the embedded database
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
