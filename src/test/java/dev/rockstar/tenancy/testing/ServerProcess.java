package dev.rockstar.tenancy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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

    /**
     * Like {@link #start}, on a PostgreSQL datasource of the test's own that validates its
     * connections, at {@code port} on loopback (say, a proxy the test can cut).
     */
    static ServerProcess startOnPostgres(Path root, Path logFile, Map<String, String> config, int port) {
        return startOnPostgres(Path.of(Deployments.WAR), root, logFile, config, port);
    }

    /** {@link #startOnPostgres(Path, Path, Map, int)} with a WAR of the test's own (say, the packaged one plus probes). */
    static ServerProcess startOnPostgres(Path war, Path root, Path logFile, Map<String, String> config, int port) {
        String database = URI.create(System.getProperty("it.postgres.url").substring("jdbc:".length())).getPath().substring(1);
        String user = System.getProperty("it.postgres.user");
        String password = System.getProperty("it.postgres.password");
        Map<String, String> withDataSource = new HashMap<>(config);
        if (Deployments.isWildFly()) {
            WildFlyProcess.configure(root, List.of("data-source add --name=own --jndi-name=java:/jdbc/own"
                    + " --driver-name=postgresql --connection-url=jdbc:postgresql://127.0.0.1:" + port + "/" + database
                    + " --user-name=" + user + " --password=" + password + " --validate-on-match=true"
                    + " --valid-connection-checker-class-name="
                    + "org.jboss.jca.adapters.jdbc.extensions.postgres.PostgreSQLValidConnectionChecker"));
            withDataSource.put("tenancy.datasource", "java:/jdbc/own");
            return WildFlyProcess.start(war, root, logFile, withDataSource, true);
        }
        try {
            Path postboot = root.resolve("own-datasource.asadmin");
            Files.writeString(postboot, String.join("\n",
                    "create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource"
                            + " --restype javax.sql.DataSource --isconnectvalidatereq true --validationmethod auto-commit"
                            + " --property user=" + user + ":password=" + password
                            + ":serverName=127.0.0.1:portNumber=" + port + ":databaseName=" + database + " own-pool",
                    "create-jdbc-resource --connectionpoolid own-pool jdbc/own", ""));
            withDataSource.put("tenancy.datasource", "jdbc/own");
            return PayaraMicroProcess.start(war, root, logFile, withDataSource,
                    List.of("--addLibs", Path.of("target", "postgresql.jar").toAbsolutePath().toString(),
                            "--postbootcommandfile", postboot.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port();

    String log();

    /** Whether the server reported that the deployment failed. */
    boolean deploymentFailed();

    @Override
    void close();
}
