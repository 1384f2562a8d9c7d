package dev.rockstar.tenancy.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.DeployedWarTest;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.PlacementDatabase;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TenancyClient.Reply;
import dev.rockstar.tenancy.testing.Wait;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * MicroProfile Health on each server, with the application's checks in it: Payara Micro serves
 * them itself at its root, WildFly on its management port, GlassFish (no MicroProfile Health)
 * through the application's own endpoint at the same paths. Whoever serves them, the JSON and the
 * status codes are the specification's: 200 UP, 503 DOWN.
 */
class HealthIT extends DeployedWarTest {

    /** WildFly serves health on its management port (the suite's, with its port offset). */
    private static final int WILDFLY_MANAGEMENT_PORT = 10090;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @Test
    void readyNamesEachCheckAndEachPlacementAndLiveAndStartedAreUp() {
        JsonObject ready = health("localhost", "/ready").assertJson(200);
        assertEquals("UP", ready.getString("status"), ready::toString);
        Map<String, JsonObject> checks = byName(ready);
        List<String> expected = new ArrayList<>(List.of("database", "migrations", "change-feed", "placement:shared"));
        Deployments.declaredPlacements().forEach(p -> expected.add("placement:" + p));
        for (String name : expected) {
            assertTrue(checks.containsKey(name), () -> name + " in " + ready);
            assertEquals("UP", checks.get(name).getString("status"), () -> name + " in " + ready);
        }
        assertTrue(checks.get("migrations").getJsonObject("data").containsKey("framework"), ready::toString);
        // a number (Payara writes the data's numbers as strings)
        assertEquals(
                "30",
                checks.get("change-feed")
                        .getJsonObject("data")
                        .get("boundSeconds")
                        .toString()
                        .replace("\"", ""),
                ready::toString);

        JsonObject started = health("localhost", "/started").assertJson(200);
        assertEquals("UP", started.getString("status"), started::toString);
        assertTrue(byName(started).containsKey("migrations"), started::toString);
        JsonObject live = health("localhost", "/live").assertJson(200);
        assertEquals("UP", live.getString("status"), live::toString);
        assertFalse(byName(live).containsKey("database"), () -> "live does not hang on the database: " + live);
    }

    @Test
    void aTenantsHostGetsTheSameChecksAndNoTenantInThem() {
        String tenant = client.newTenant("health");
        client.newDocument(tenant, "Health", "private to the tenant");
        Reply reply = health(tenant, "/ready");
        JsonObject ready = reply.assertJson(200);
        assertEquals(
                byName(health("localhost", "/ready").json()).keySet(),
                byName(ready).keySet());
        for (String secret : List.of(TenancyClient.idOf(tenant), "acme", "globex", "private to the tenant")) {
            assertFalse(reply.body().contains(secret), () -> secret + " in " + reply.body());
        }
    }

    /**
     * The placement's database stopped: ready is 503 and names that placement DOWN (and every
     * other check UP), live stays UP; started again, ready is UP within the pool's recovery.
     */
    @Test
    @EnabledIfSystemProperty(
            named = "it.database",
            matches = "postgresql",
            disabledReason = "the build's PostgreSQL holds the placement's database; the embedded H2 runs have none")
    void aStoppedDatabasePlacementMakesReadyDownByNameWhileLiveStaysUp() {
        String vault = "placement:" + Deployments.DATABASE_PLACEMENT;
        PlacementDatabase.stop();
        try {
            Reply down = Wait.until(
                    "ready to be DOWN",
                    Duration.ofSeconds(60),
                    () -> health("localhost", "/ready"),
                    r -> r.status() == 503);
            JsonObject ready = down.assertJson(503);
            assertEquals("DOWN", ready.getString("status"), ready::toString);
            Map<String, JsonObject> checks = byName(ready);
            assertEquals("DOWN", checks.get(vault).getString("status"), ready::toString);
            checks.forEach((name, check) -> {
                if (!name.equals(vault)) {
                    assertEquals("UP", check.getString("status"), () -> name + " in " + ready);
                }
            });
            assertFalse(down.body().contains(PlacementDatabase.name()), () -> "no database name: " + down.body());
            JsonObject live = health("localhost", "/live").assertJson(200);
            assertEquals("UP", live.getString("status"), live::toString);
        } finally {
            PlacementDatabase.start();
        }
        Wait.until(
                "ready to be UP again",
                Duration.ofSeconds(60),
                () -> health("localhost", "/ready"),
                r -> r.status() == 200);
    }

    /** {@code /health<kind>} where this server serves it, asked with {@code host} as the Host header. */
    private Reply health(String host, String kind) {
        TenancyClient server = Deployments.isWildFly() ? new TenancyClient(WILDFLY_MANAGEMENT_PORT) : client;
        return server.get(host, "/health" + kind);
    }

    private static Map<String, JsonObject> byName(JsonObject health) {
        Map<String, JsonObject> checks = new LinkedHashMap<>();
        health.getJsonArray("checks").getValuesAs(JsonObject.class).forEach(c -> checks.put(c.getString("name"), c));
        return checks;
    }
}
