package dev.rockstar.tenancy.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A WildFly started by hand from the copy the build unpacked and configured ({@code wildfly.home}),
 * on a base directory of the test's own (configuration, deployments, data and log), so that the
 * Arquillian-managed server of the same run is never touched and a restart keeps its state. Ports
 * are shifted by a free offset; the WAR is deployed by the deployment scanner.
 */
final class WildFlyProcess extends StartedServer {

    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final int HTTP = 8080;
    // Every socket of standalone.xml must be free at the chosen offset.
    private static final int[] SOCKETS = {8080, 8443, 8009, 9990, 9993, 4712, 4713};

    private final Path deployments;
    private final String warName;

    private WildFlyProcess(Process process, Path log, Path deployments, String warName, int port) {
        super("WildFly", process, log, port);
        this.deployments = deployments;
        this.warName = warName;
    }

    static WildFlyProcess start(Path war, Path baseDir, Path logFile, Map<String, String> config, boolean mustDeploy) {
        String home = home();
        try {
            prepare(baseDir);
            Path deployments = Files.createDirectories(baseDir.resolve("deployments"));
            String warName = "rockstar-tenancy.war";
            Files.deleteIfExists(deployments.resolve(warName + ".failed"));
            Files.deleteIfExists(deployments.resolve(warName + ".deployed"));
            Files.copy(war, deployments.resolve(warName), StandardCopyOption.REPLACE_EXISTING);

            Path properties = Files.createTempFile("tenancy-it", ".properties");
            Files.writeString(properties, Deployments.properties(config));
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            int offset = freeOffset();
            ProcessBuilder builder = new ProcessBuilder(List.of(
                            Path.of(home, "bin", "standalone.sh").toString(),
                            "-Djboss.server.base.dir=" + baseDir.toAbsolutePath(),
                            "-Djboss.socket.binding.port-offset=" + offset,
                            "-Djava.net.preferIPv4Stack=true",
                            "-P",
                            properties.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            // The script then passes SIGTERM on to the server and waits for it.
            builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
            WildFlyProcess wildFly = new WildFlyProcess(builder.start(), logFile, deployments, warName, HTTP + offset);
            wildFly.awaitReady(STARTUP, wildFly::ready, mustDeploy);
            return wildFly;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs CLI commands against the (stopped) server on {@code baseDir}, as an operator configures
     * a downloaded WildFly: say, a datasource of the test's own.
     */
    static void configure(Path baseDir, List<String> commands) {
        try {
            prepare(baseDir);
            Path script = baseDir.resolve("setup.cli");
            Files.write(
                    script,
                    Stream.concat(
                                    Stream.concat(Stream.of("embed-server"), commands.stream()),
                                    Stream.of("stop-embedded-server"))
                            .toList());
            ProcessBuilder builder = new ProcessBuilder(
                            Path.of(home(), "bin", "jboss-cli.sh").toString(),
                            "-Djboss.server.base.dir=" + baseDir.toAbsolutePath(),
                            "--file=" + script)
                    .redirectErrorStream(true)
                    .redirectOutput(baseDir.resolve("setup.log").toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process cli = builder.start();
            if (!cli.waitFor(2, TimeUnit.MINUTES) || cli.exitValue() != 0) {
                fail("the CLI set-up failed; see " + baseDir.resolve("setup.log"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String home() {
        String home = System.getProperty("wildfly.home");
        if (home == null) {
            fail("wildfly.home is not set: run through Maven (mvn verify)");
        }
        return home;
    }

    /** A base directory starts as a copy of the configured server's configuration. */
    private static void prepare(Path baseDir) throws IOException {
        Path configuration = baseDir.resolve("configuration");
        if (!Files.isDirectory(configuration)) {
            copyTree(Path.of(home(), "standalone", "configuration"), configuration);
            // Whatever the Arquillian-managed server had deployed stays with it (its content is not copied).
            Path xml = configuration.resolve("standalone.xml");
            Files.writeString(xml, Files.readString(xml).replaceAll("(?s)<deployments>.*?</deployments>", ""));
        }
    }

    @Override
    public boolean deploymentFailed() {
        return Files.exists(deployments.resolve(warName + ".failed"));
    }

    private boolean ready() {
        // WFLYSRV0025/0026: started (with or without errors), after the deployment scanner's first pass.
        String log = log();
        boolean started = log.contains("WFLYSRV0025") || log.contains("WFLYSRV0026");
        return started && (Files.exists(deployments.resolve(warName + ".deployed")) || deploymentFailed());
    }

    private static int freeOffset() {
        for (int offset = 300 + (int) (ProcessHandle.current().pid() % 50) * 10; offset < 20000; offset += 37) {
            int candidate = offset;
            if (Arrays.stream(SOCKETS).allMatch(socket -> isFree(socket + candidate))) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset for WildFly");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
