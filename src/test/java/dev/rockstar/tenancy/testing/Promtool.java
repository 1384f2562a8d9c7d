package dev.rockstar.tenancy.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus's own checker of the text format, {@code promtool check metrics}: the parser and the
 * lint rules Prometheus applies (a histogram's {@code le}, a summary's {@code quantile}, the
 * {@code _total} of counters, a help text for every metric). Debian's {@code prometheus} package
 * has it, which {@code .ci/run} installs. Where it is missing a test is skipped and says so, except
 * in CI ({@code CI=true}), where a missing promtool fails: there a skip would pass silently.
 * {@code -Dpromtool=/path/to/promtool} names another one.
 */
public final class Promtool {

    private static final long TIMEOUT_SECONDS = 30;

    private Promtool() {}

    /** Asserts that promtool finds nothing to say about the text: no parse error, no lint problem. */
    public static void assertClean(String what, String text) {
        Path promtool = path();
        try {
            Process process = new ProcessBuilder(promtool.toString(), "check", "metrics")
                    .redirectErrorStream(true)
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            }
            String said;
            try (InputStream out = process.getInputStream()) {
                said = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("promtool did not finish within " + TIMEOUT_SECONDS + " s on " + what);
            }
            assertEquals(
                    0,
                    process.exitValue(),
                    () -> "promtool check metrics refuses " + what + ":\n" + said + "\n--- the text:\n" + text);
        } catch (IOException e) {
            throw new AssertionError("promtool at " + promtool + " could not be run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while promtool checked " + what, e);
        }
    }

    /** Where promtool is; skips the test where it is missing, fails it there in CI. */
    public static Path path() {
        return find().orElseGet(Promtool::missing);
    }

    static Optional<Path> find() {
        String named = System.getProperty("promtool");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin");
        return Stream.concat(Stream.of(path.split(java.io.File.pathSeparator)), Stream.of("/usr/bin"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Path missing() {
        String message = "promtool is not installed (Debian: apt-get install prometheus; or -Dpromtool=<path>),"
                + " so Prometheus's own check of the scrape did not run";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + ": in CI (CI=true) it must run; .ci/run installs it");
        }
        Assumptions.abort(message);
        throw new AssertionError(message); // not reached: abort throws
    }
}
