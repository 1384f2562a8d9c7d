package dev.rockstar.tenancy.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The log file of the server this Failsafe run deploys to, read as an operator reads it: Payara
 * Micro's {@code --logtofile} (arquillian.xml, {@code payara.logFile}), WildFly's
 * {@code standalone/log/server.log}, GlassFish's {@code domains/tenancy-it/logs/server.log}. A
 * {@link #mark()} taken before a test's requests reads what was written since, in the file and
 * in any file the server rotated it into (their names begin with the log's).
 */
public final class ServerLog {

    private final Path file;
    private final Map<Path, Long> sizes;

    private ServerLog(Path file, Map<Path, Long> sizes) {
        this.file = file;
        this.sizes = sizes;
    }

    /** The server's log file in this run. */
    public static Path file() {
        if (Deployments.isWildFly()) {
            return Path.of(System.getProperty("wildfly.home"), "standalone", "log", "server.log");
        }
        if (Deployments.isGlassFish()) {
            return Path.of(
                    System.getProperty("glassfish.home"), "glassfish", "domains", "tenancy-it", "logs", "server.log");
        }
        return Path.of(System.getProperty("payara.logFile", "target/payara-micro-server.log"));
    }

    /** Where the log ends now: {@link #text()} reads from here. */
    public static ServerLog mark() {
        Path file = file().toAbsolutePath();
        Map<Path, Long> sizes = new HashMap<>();
        for (Path p : files(file)) {
            sizes.put(p, size(p));
        }
        return new ServerLog(file, sizes);
    }

    /** What was written since the mark: a rotated or new file whole, the others from where they were. */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (Path p : files(file)) {
            long from = sizes.getOrDefault(p, 0L);
            long size = size(p);
            text.append(read(p, from <= size ? from : 0));
        }
        return text.toString();
    }

    /** The text since the mark once it contains every one of {@code expected}. */
    public String await(String... expected) {
        return Wait.until(
                "the server log " + file + " to contain " + List.of(expected),
                this::text,
                text -> Stream.of(expected).allMatch(text::contains));
    }

    private static List<Path> files(Path file) {
        Path directory = file.getParent();
        String name = file.getFileName().toString();
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> all = Files.list(directory)) {
            // not the lock file of the JDK's FileHandler (Payara Micro's), name.lck
            return all.filter(p -> p.getFileName().toString().startsWith(name)
                            && !p.getFileName().toString().endsWith(".lck")
                            && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException gone) {
            return 0;
        }
    }

    private static String read(Path p, long from) {
        try (RandomAccessFile in = new RandomAccessFile(p.toFile(), "r")) {
            long length = in.length() - from;
            if (length <= 0) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length, 64L << 20)];
            in.seek(from);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException gone) {
            return "";
        }
    }
}
