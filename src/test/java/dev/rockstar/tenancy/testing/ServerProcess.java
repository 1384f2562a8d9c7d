package dev.rockstar.tenancy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A server started by hand with the packaged WAR, for what Arquillian's one server per run
 * cannot show: a restart on the same server state, a deployment that must fail, the server's log.
 * Starts the server of the current Failsafe run ({@code it.server}): Payara Micro or WildFly.
 */
public interface ServerProcess extends AutoCloseable {

    /**
     * @param root the server's own state (Payara: its root directory, WildFly: its base
     *             directory); reuse it to restart on the same state
     * @param config MicroProfile Config properties, as an operator would pass them
     */
    static ServerProcess start(Path root, Path logFile, Map<String, String> config) {
        return Deployments.isWildFly()
                ? WildFlyProcess.start(Path.of(Deployments.WAR), root, logFile, config, true)
                : PayaraMicroProcess.start(root, logFile, config);
    }

    /** Starts a WAR that is expected not to deploy; returns once the server is up, with the log to read. */
    static ServerProcess startFailing(Path war, Path root, Path logFile, Map<String, String> config) {
        return Deployments.isWildFly()
                ? WildFlyProcess.start(war, root, logFile, config, false)
                : PayaraMicroProcess.startFailing(war, root, logFile, config);
    }

    int POOL_SIZE = 4;
    int POOL_WAIT_MILLIS = 2000;
    int STATEMENT_TIMEOUT_SECONDS = 20;

    /**
     * Like {@link #start}, on a PostgreSQL datasource of the test's own that validates its
     * connections, at {@code port} on loopback (say, a proxy the test can cut); with the bounds of
     * docs/DEPLOYMENT.md at small values, so that a test can exhaust the pool: at most
     * {@value #POOL_SIZE} connections, {@value #POOL_WAIT_MILLIS} ms of waiting for one, statements
     * cancelled after {@value #STATEMENT_TIMEOUT_SECONDS} s.
     */
    static ServerProcess startOnPostgres(Path root, Path logFile, Map<String, String> config, int port) {
        return startOnPostgres(Path.of(Deployments.WAR), root, logFile, config, port);
    }

    /** {@link #startOnPostgres(Path, Path, Map, int)} with a WAR of the test's own (say, the packaged one plus probes). */
    static ServerProcess startOnPostgres(Path war, Path root, Path logFile, Map<String, String> config, int port) {
        String database = PostgresRole.address().getPath().substring(1);
        // The application's role, bound by row-level security; the migrations log in as the owner
        // through a datasource of their own.
        String user = PostgresRole.APPLICATION.user();
        String password = PostgresRole.APPLICATION.password();
        String owner = PostgresRole.OWNER.user();
        String ownerPassword = PostgresRole.OWNER.password();
        Map<String, String> withDataSource = new HashMap<>(config);
        if (Deployments.isWildFly()) {
            String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
            WildFlyProcess.configure(
                    root,
                    List.of(
                            "data-source add --name=own --jndi-name=java:/jdbc/own"
                                    + " --driver-name=postgresql --connection-url=" + url
                                    + " --user-name=" + user + " --password=" + password + " --validate-on-match=true"
                                    + " --min-pool-size=0 --max-pool-size=" + POOL_SIZE
                                    + " --blocking-timeout-wait-millis=" + POOL_WAIT_MILLIS
                                    + " --query-timeout=" + STATEMENT_TIMEOUT_SECONDS
                                    + " --valid-connection-checker-class-name="
                                    + "org.jboss.jca.adapters.jdbc.extensions.postgres.PostgreSQLValidConnectionChecker",
                            "data-source add --name=own-migration --jndi-name=java:/jdbc/own-migration --driver-name=postgresql"
                                    + " --connection-url=" + url + " --user-name=" + owner + " --password="
                                    + ownerPassword
                                    + " --min-pool-size=0"));
            withDataSource.put("tenancy.datasource", "java:/jdbc/own");
            withDataSource.put("tenancy.migration.datasource", "java:/jdbc/own-migration");
            return WildFlyProcess.start(war, root, logFile, withDataSource, true);
        }
        try {
            Path postboot = root.resolve("own-datasource.asadmin");
            Files.writeString(
                    postboot,
                    String.join(
                            "\n",
                            "create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource"
                                    + " --restype javax.sql.DataSource --isconnectvalidatereq true --validationmethod auto-commit"
                                    + " --steadypoolsize 0 --maxpoolsize " + POOL_SIZE + " --maxwait "
                                    + POOL_WAIT_MILLIS
                                    + " --statementtimeout " + STATEMENT_TIMEOUT_SECONDS
                                    + " --property user=" + user + ":password=" + password
                                    + ":serverName=127.0.0.1:portNumber=" + port + ":databaseName=" + database
                                    + " own-pool",
                            "create-jdbc-resource --connectionpoolid own-pool jdbc/own",
                            "create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource"
                                    + " --restype javax.sql.DataSource --steadypoolsize 0"
                                    + " --property user=" + owner + ":password=" + ownerPassword
                                    + ":serverName=127.0.0.1:portNumber=" + port + ":databaseName=" + database
                                    + " own-migration-pool",
                            "create-jdbc-resource --connectionpoolid own-migration-pool jdbc/own-migration",
                            placementDataSources(),
                            ""));
            withDataSource.put("tenancy.datasource", "jdbc/own");
            withDataSource.put("tenancy.migration.datasource", "jdbc/own-migration");
            return PayaraMicroProcess.start(
                    war,
                    root,
                    logFile,
                    withDataSource,
                    List.of(
                            "--addLibs",
                                    Path.of("target", "postgresql.jar")
                                            .toAbsolutePath()
                                            .toString(),
                            "--postbootcommandfile", postboot.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The database placement's datasources of the run's post-boot file ({@link PlacementDatabase}),
     * so that a Payara Micro of a test's own has them as the run's servers do (a WildFly of a test's
     * own has them already, in the configuration it copies).
     */
    private static String placementDataSources() throws IOException {
        return String.join(
                "\n",
                Files.readAllLines(Path.of("target", "test-classes", "postgresql", "postboot.asadmin")).stream()
                        .filter(line -> line.contains("tenancy-vault"))
                        .toList());
    }

    int port();

    String log();

    /** Whether the server reported that the deployment failed. */
    boolean deploymentFailed();

    @Override
    void close();
}
