package dev.rockstar.tenancy.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** What the servers started by hand share: their process, their log, their HTTP port, and a clean stop. */
abstract class StartedServer implements ServerProcess {

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    StartedServer(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
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

    /** Waits until {@code ready}; then fails if the WAR had to deploy and did not. */
    void awaitReady(Duration startup, BooleanSupplier ready, boolean mustDeploy) {
        try {
            Wait.every(Duration.ofMillis(250)).until(name + " to be ready", startup, () -> {
                boolean isReady = ready.getAsBoolean();
                if (!isReady && !process.isAlive()) {
                    fail(name + " exited with " + process.exitValue());
                }
                return isReady;
            });
        } catch (AssertionError notReady) {
            close();
            throw new AssertionError(
                    notReady.getMessage() + "; see " + log + ", which says:\n" + firstErrors(), notReady);
        }
        if (mustDeploy && deploymentFailed()) {
            close();
            fail("the WAR failed to deploy on " + name + "; see " + log + ", which says:\n" + firstErrors());
        }
    }

    /**
     * The log's first error lines, for the failure message: CI shows a failing test's message but
     * keeps no server log.
     */
    private String firstErrors() {
        return log().lines()
                .filter(line -> line.contains("SEVERE")
                        || line.contains("ERROR")
                        || line.contains("Exception")
                        || line.startsWith("Caused by"))
                .limit(20)
                .map(line -> line.length() > 400 ? line.substring(0, 400) + " ..." : line)
                .collect(Collectors.joining("\n"));
    }

    /** SIGTERM, so the server shuts down cleanly (and closes an embedded database); then force. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
