package dev.rockstar.tenancy.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Payara Micro process started by hand, for what Arquillian's one-process-per-deployment
 * cannot show: the same server root (and so the same embedded database) across restarts, and the
 * server's log. Runs the packaged WAR, clustering off.
 */
public final class PayaraMicroProcess extends StartedServer {

    private static final Duration STARTUP = Duration.ofMinutes(4);

    private PayaraMicroProcess(Process process, Path log, int port) {
        super("Payara Micro", process, log, port);
    }

    /**
     * @param rootDir the server's root; reuse it to restart with the same embedded database
     * @param config system properties for the server, as an operator would pass them
     */
    public static PayaraMicroProcess start(Path rootDir, Path logFile, Map<String, String> config) {
        return start(Path.of(Deployments.WAR), rootDir, logFile, config, true, defaultExtraOptions());
    }

    /** With Payara Micro options of the test's own instead of the run's (say, another datasource). */
    public static PayaraMicroProcess start(
            Path rootDir, Path logFile, Map<String, String> config, List<String> extraOptions) {
        return start(Path.of(Deployments.WAR), rootDir, logFile, config, true, extraOptions);
    }

    /** A WAR of the test's own, with Payara Micro options of its own. */
    public static PayaraMicroProcess start(
            Path war, Path rootDir, Path logFile, Map<String, String> config, List<String> extraOptions) {
        return start(war, rootDir, logFile, config, true, extraOptions);
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

    private static PayaraMicroProcess start(
            Path war,
            Path rootDir,
            Path logFile,
            Map<String, String> config,
            boolean mustDeploy,
            List<String> extraOptions) {
        String microJar = System.getProperty("payara.microJar", "target/payara-micro.jar");
        if (!Files.isRegularFile(Path.of(microJar))) {
            fail(microJar + " is missing: run the tests through Maven once (mvn verify -Pfast), which copies it there");
        }
        try {
            int port = freePort();
            Path properties = Files.createTempFile("tenancy-it", ".properties");
            Files.writeString(properties, Deployments.properties(config));
            Files.createDirectories(logFile.getParent());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-Dh2.bindAddress=127.0.0.1", // as arquillian.xml: nothing listens beyond loopback and HTTP
                    "-jar",
                    microJar,
                    "--nohazelcast",
                    "--port",
                    String.valueOf(port),
                    "--rootDir",
                    rootDir.toString(),
                    "--systemProperties",
                    properties.toString(),
                    "--deploy",
                    war.toAbsolutePath().toString(),
                    "--contextroot",
                    "/"));
            command.addAll(extraOptions);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            PayaraMicroProcess micro = new PayaraMicroProcess(process, logFile, port);
            micro.awaitReady(STARTUP, () -> micro.log().contains("ready in"), mustDeploy);
            return micro;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean deploymentFailed() {
        String text = log();
        return text.contains("Exception while loading the app")
                || text.contains("Exception while preparing the app")
                || text.contains("Exception during lifecycle processing");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
