package dev.rockstar.tenancy.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR the build produced, unchanged but for a configuration file that plays the part of
 * what an operator would pass to the server (the WAR itself has no tenants and no password).
 */
public final class Deployments {

    public static final String WAR = "target/rockstar-tenancy.war";
    public static final String ADMIN_PASSWORD = "it-admin-secret-of-the-suite";

    private Deployments() {}

    /** The packaged WAR with two configured tenants: acme (two hosts) and globex. */
    public static WebArchive war() {
        return war(Map.of());
    }

    /**
     * The packaged WAR with the base configuration and {@code extraConfig} over it, and every
     * test-only probe. The probes are in every archive, whichever a test uses, so that two test
     * classes with the same configuration deploy the same archive and share one deployment
     * ({@link ReusedDeployments}); none of them acts unless its own test calls it.
     */
    public static WebArchive war(Map<String, String> extraConfig) {
        Map<String, String> config = new TreeMap<>(baseConfig());
        config.putAll(extraConfig);
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File(WAR));
        return war.addAsResource(new StringAsset(packagedConfig(war) + properties(config)), CONFIG)
                .addClasses(PROBES);
    }

    private static final String CONFIG = "META-INF/microprofile-config.properties";

    /** The WAR's own configuration file, which the test configuration extends rather than replaces. */
    private static String packagedConfig(WebArchive war) {
        Node packaged = war.get("/WEB-INF/classes/" + CONFIG);
        if (packaged == null || packaged.getAsset() == null) {
            return "";
        }
        try (InputStream in = packaged.getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The WAR for the tests of unknown-host bursts, on a server apart from the other test classes:
     * the audit writes one entry a window naming the ten most asked-for unknown hosts, so a test's
     * burst is only certain to be named when no other class's made-up hosts share its window. The
     * window is 20 seconds rather than the default minute, so that these tests wait less.
     */
    public static WebArchive warForUnknownHostBursts() {
        return war(Map.of("tenancy.audit.unknown-host-window", "PT20S"));
    }

    /** The test-only classes the integration tests call in the server (with their nested classes). */
    private static final Class<?>[] PROBES = {
        AsyncProbe.class,
        AuditRowProbe.class,
        CacheProbe.class,
        CallerProbe.class,
        ConfigurationProbe.class,
        DocumentCountProbe.class,
        LogProbe.class,
        PersistenceProbe.class,
        PipelineProbe.class,
        PlacementProbe.class,
        ReadOnlyProbe.class,
        RowLevelSecurityProbe.class,
        SlowRequestProbe.class,
        TenantEventRecorder.class,
        TenantRowProbe.class
    };

    /** The schema placements every test deployment declares, besides {@code shared}. */
    public static final String PLACEMENTS = "premium,eu";

    /** The database placement of every PostgreSQL run's deployment, on {@link PlacementDatabase}. */
    public static final String DATABASE_PLACEMENT = "vault";

    /** The placements this run's deployment declares besides {@code shared}, in order. */
    public static List<String> declaredPlacements() {
        List<String> declared = new ArrayList<>(List.of(PLACEMENTS.split(",")));
        if (isPostgres()) {
            declared.add(DATABASE_PLACEMENT);
        }
        return declared;
    }

    public static Map<String, String> baseConfig() {
        Map<String, String> config = new TreeMap<>(Map.of(
                "tenancy.admin.password", ADMIN_PASSWORD,
                "tenancy.tenants", "acme,globex",
                "tenancy.tenant.acme.name", "Acme Corp",
                "tenancy.tenant.acme.hosts", "acme.test,www.acme.test",
                "tenancy.tenant.globex.name", "Globex Inc",
                "tenancy.tenant.globex.hosts", "globex.test",
                // two schema placements in every deployment: statements are routed by placement in
                // every test, and tenants can be put in and moved between them
                "tenancy.placements", PLACEMENTS,
                // moves in tests: the source's rows go 1 s after the thaw (no slow reads to wait
                // for), and a dead mover's move is taken over within 2 s rather than 5
                "tenancy.placements.source-grace-millis", "1000",
                "tenancy.placements.move-lease-seconds", "6"));
        config.putAll(databaseConfig());
        return config;
    }

    /**
     * In a PostgreSQL run, the datasources the server's set-up created (Payara: a post-boot command
     * file, WildFly: a CLI script, GlassFish: prepare-domain.sh; JNDI names differ by server): the
     * application's, and the migrations' beside it with the suffix {@code -migration}; else the
     * server's default.
     */
    public static Map<String, String> databaseConfig() {
        if (!isPostgres()) {
            return Map.of();
        }
        // The datasource logs in as it.postgres.app-user, granted only DML; the migrations' logs in
        // as the owner, it.postgres.user (docs/DEPLOYMENT.md, PostgreSQL roles).
        Map<String, String> config = new TreeMap<>(Map.of(
                "tenancy.datasource",
                System.getProperty("it.postgres.jndi"),
                "tenancy.migration.datasource",
                System.getProperty("it.postgres.jndi") + "-migration",
                // and a placement on a database of its own, the build's second database
                "tenancy.placements",
                PLACEMENTS + "," + DATABASE_PLACEMENT));
        config.putAll(PlacementDatabase.config(DATABASE_PLACEMENT));
        return config;
    }

    /**
     * The server the suite runs on in this Failsafe run (pom.xml sets it per execution); Payara
     * Micro where nothing says so, as in an IDE, whose classpath has the default profile's adapter.
     */
    public static String server() {
        return System.getProperty("it.server", "payara");
    }

    public static boolean isWildFly() {
        return "wildfly".equals(server());
    }

    public static boolean isGlassFish() {
        return "glassfish".equals(server());
    }

    public static boolean isPayara() {
        return "payara".equals(server());
    }

    /** WildFly on its default datasource, ExampleDS: an in-memory H2 that a restart empties. */
    public static boolean isWildFlyOnH2() {
        return isWildFly() && !isPostgres();
    }

    public static boolean isPostgres() {
        return "postgresql".equals(System.getProperty("it.database"));
    }

    public static String properties(Map<String, String> config) {
        return config.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
