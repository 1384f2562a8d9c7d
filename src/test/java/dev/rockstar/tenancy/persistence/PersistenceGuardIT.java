package dev.rockstar.tenancy.persistence;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DependsOnDatabase;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.ServerProcess;
import dev.rockstar.tenancy.testing.StrayEntity;
import dev.rockstar.tenancy.testing.TenancyClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The deploy-time guard on the real server (Payara Micro, WildFly): WARs whose persistence unit could leak are
 * refused, with a message naming the entity or the setting; so is a retired setting that would weaken the database's wall.
 */
@DisabledIfSystemProperty(
        named = "it.server",
        matches = "glassfish",
        disabledReason =
                "starts the server by hand to deploy WARs that must fail; the test knows how to start Payara Micro and WildFly, not a GlassFish domain")
@Tag(DependsOnDatabase.TAG)
class PersistenceGuardIT {

    private static final String UNIT = "WEB-INF/classes/META-INF/persistence.xml";

    @Test
    void anEntityNeitherTenantOwnedNorGlobalFailsTheDeployment() throws IOException {
        WebArchive war = withPersistenceXml(persistenceXml()
                        .replace(
                                "<exclude-unlisted-classes>",
                                "<class>" + StrayEntity.class.getName()
                                        + "</class>\n        <exclude-unlisted-classes>"))
                .addClass(StrayEntity.class);
        assertRefused(
                war,
                "stray",
                StrayEntity.class.getName() + " is neither tenant-owned (@Multitenant) nor marked @GlobalEntity");
    }

    @Test
    void tenantsSharingTheCacheFailTheDeployment() throws IOException {
        WebArchive war = withPersistenceXml(persistenceXml()
                .replace(
                        "name=\"eclipselink.multitenant.tenants-share-cache\" value=\"false\"",
                        "name=\"eclipselink.multitenant.tenants-share-cache\" value=\"true\""));
        assertRefused(war, "shared-cache", "eclipselink.multitenant.tenants-share-cache is true");
    }

    @Test
    void nativeSqlEnabledFailsTheDeployment() throws IOException {
        WebArchive war = withPersistenceXml(
                persistenceXml()
                        .replace(
                                "</properties>",
                                "    <property name=\"eclipselink.jdbc.allow-native-sql-queries\" value=\"true\"/>\n        </properties>"));
        assertRefused(war, "native-sql", "eclipselink.jdbc.allow-native-sql-queries is true");
    }

    /**
     * The retired way to run the migrations as the owner ({@code SET ROLE}), which needed the
     * application's role to be a member of the owner and so able to leave row-level security.
     */
    @Test
    void theRetiredMigrationRoleFailsTheDeployment() throws IOException {
        Map<String, String> config = new HashMap<>(Deployments.baseConfig());
        config.put("tenancy.migration.role", "tenancy");
        assertRefused(Deployments.war(), "migration-role", config, "tenancy.migration.role is no longer supported");
    }

    private static void assertRefused(WebArchive war, String name, String expectedMessage) throws IOException {
        assertRefused(war, name, Deployments.baseConfig(), expectedMessage);
    }

    private static void assertRefused(WebArchive war, String name, Map<String, String> config, String expectedMessage)
            throws IOException {
        Path file = Path.of("target", "guard-" + name + ".war");
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        Path root = Files.createTempDirectory(Path.of("target"), "server-guard-");
        try (ServerProcess server =
                ServerProcess.startFailing(file, root, Path.of("target", "guard-" + name + ".log"), config)) {
            String log = server.log();
            assertTrue(server.deploymentFailed(), "the deployment must fail");
            assertTrue(log.contains("Rockstar Tenancy refuses to start"), "the guard said why");
            assertTrue(log.contains(expectedMessage), () -> "the message names it: " + expectedMessage);
            assertNotEquals(
                    200,
                    new TenancyClient(server.port())
                            .get("acme.test", "/api/tenant/info")
                            .status(),
                    "nothing is served");
        }
    }

    private static WebArchive withPersistenceXml(String xml) {
        WebArchive war = Deployments.war();
        war.delete(UNIT);
        return war.add(new StringAsset(xml), UNIT);
    }

    private static String persistenceXml() throws IOException {
        String xml = Files.readString(Path.of("src/main/resources/META-INF/persistence.xml"));
        assertTrue(xml.contains("tenants-share-cache\" value=\"false\""), "the shipped unit keeps tenants apart");
        return xml;
    }
}
