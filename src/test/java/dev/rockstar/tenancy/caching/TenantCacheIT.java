package dev.rockstar.tenancy.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.rockstar.tenancy.caching.control.CacheResultInterceptor;
import dev.rockstar.tenancy.testing.CacheProbe;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TwoTenantsTest;

/**
 * The three cache paths on the server's JCache (Payara: its own Hazelcast one and its own
 * JCache-annotation interceptors; WildFly: Caffeine bundled in the WAR and the application's
 * interceptors): one key rule, tenants apart.
 */
class TenantCacheIT extends TwoTenantsTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war().addClasses(CacheProbe.class, CacheProbe.Computations.class, CacheProbe.Scoped.class,
                CacheProbe.Unscoped.class);
    }

    @Override
    protected String prefix() {
        return "cache";
    }

    @ParameterizedTest
    @ValueSource(strings = {"declarative", "annotated"})
    void aTenantsCachedResultIsInvisibleToAnother(String path) {
        String first = value(a, path, "k1");
        assertEquals(first, value(a, path, "k1"), "a hit for A");
        assertTrue(first.endsWith("for " + TenancyClient.idOf(a) + ":k1"), first);
        String ofB = value(b, path, "k1");
        assertNotEquals(first, ofB, "B computes its own");
        assertTrue(ofB.endsWith("for " + TenancyClient.idOf(b) + ":k1"), ofB);
        assertEquals(first, value(a, path, "k1"), "A's entry untouched by B");
    }

    @Test
    void programmaticEntriesAreInvisibleToAnotherTenant() {
        put(a, "shared-name", "A's secret");
        assertEquals("A's secret", value(a, "programmatic", "shared-name"));
        assertEquals(null, valueOrNull(b, "programmatic", "shared-name"));
        put(b, "shared-name", "B's own");
        assertEquals("A's secret", value(a, "programmatic", "shared-name"));
        assertTrue(client.send("DELETE", b, "/api/test/cache/programmatic/shared-name", null, null)
                .assertJson(200).getBoolean("removed"));
        assertEquals("A's secret", value(a, "programmatic", "shared-name"), "B's remove left A's entry");
    }

    @Test
    void allThreePathsUseTheSameKeyForTheSameTenantAndArgument() {
        put(a, "same", "set by hand");
        assertEquals("set by hand", value(a, "declarative", "same"), "@TenantCached finds the programmatic entry");
        assertEquals("set by hand", value(a, "annotated", "same"), "@CacheResult finds it too");

        String computed = value(a, "annotated", "other");
        assertEquals(computed, value(a, "declarative", "other"));
        assertEquals(computed, value(a, "programmatic", "other"));
        assertTrue(valueOrNull(b, "programmatic", "same") == null, "and B has none of it");
    }

    @Test
    void exactlyOneImplementationServesTheStandardAnnotations() {
        JsonArray interceptors = client.get(a, "/api/test/cache/interceptors").assertJson(200).getJsonArray("interceptors");
        assertEquals(1, interceptors.size(), interceptors.toString());
        String serving = interceptors.getString(0);
        if (Deployments.isPayara()) {
            assertTrue(serving.startsWith("fish.payara."), "Payara's own, the application's stood aside: " + serving);
        } else {
            assertEquals(CacheResultInterceptor.class.getName(), serving, "the server has none: the application's");
        }
    }

    @Test
    void theStandardPutAndRemoveAnnotationsKeepToTheirTenant() {
        client.send("PUT", a, "/api/test/cache/annotated/put-key", "text/plain", "A's put").assertJson(200);
        assertEquals("A's put", value(a, "programmatic", "put-key"), "@CachePut stored under A's key");
        assertEquals("A's put", value(a, "annotated", "put-key"), "@CacheResult finds it");
        assertEquals(null, valueOrNull(b, "programmatic", "put-key"), "B sees nothing");

        put(b, "put-key", "B's own");
        client.send("DELETE", b, "/api/test/cache/annotated/put-key", null, null).assertJson(200);
        assertEquals(null, valueOrNull(b, "programmatic", "put-key"), "@CacheRemove removed B's entry");
        assertEquals("A's put", value(a, "programmatic", "put-key"), "and left A's");
    }

    @ParameterizedTest
    @ValueSource(strings = {"declarative", "annotated", "programmatic"})
    void withoutATenantEveryPathRefuses(String path) {
        for (String host : new String[] {a, "localhost"}) {
            client.get(host, "/api/test/cache-untenanted/" + path).assertProblem(500, "INTERNAL_ERROR");
        }
    }

    @Test
    void clearingOneTenantLeavesEveryOtherTenantsEntries() {
        put(a, "x", "A x");
        put(b, "x", "B x");
        String computedForA = value(a, "declarative", "y");
        String computedForB = value(b, "declarative", "y");

        client.admin("DELETE", "/tenants/" + TenancyClient.idOf(a) + "/cache", null).assertStatus(204);
        assertEquals(null, valueOrNull(a, "programmatic", "x"));
        assertNotEquals(computedForA, value(a, "declarative", "y"), "A recomputes");
        assertEquals("B x", value(b, "programmatic", "x"));
        assertEquals(computedForB, value(b, "declarative", "y"), "B still hits");
        client.admin("DELETE", "/tenants/no-such-tenant/cache", null).assertProblem(404, "NOT_FOUND");
    }

    @Test
    void suspendingAChangingOrDeletingATenantClearsItsEntriesOnly() {
        put(b, "keep", "B keeps");
        put(a, "gone", "A 1");
        client.admin("PATCH", "/tenants/" + TenancyClient.idOf(a), "{\"status\":\"SUSPENDED\"}").assertJson(200);
        client.admin("PATCH", "/tenants/" + TenancyClient.idOf(a), "{\"status\":\"ACTIVE\"}").assertJson(200);
        assertEquals(null, valueOrNull(a, "programmatic", "gone"), "cleared on suspend");

        put(a, "gone", "A 2");
        client.admin("PATCH", "/tenants/" + TenancyClient.idOf(a), "{\"config\":{\"features\":{\"x\":true}}}")
                .assertJson(200);
        assertEquals(null, valueOrNull(a, "programmatic", "gone"), "cleared on change");

        put(a, "gone", "A 3");
        String idOfA = TenancyClient.idOf(a);
        client.admin("DELETE", "/tenants/" + idOfA, null).assertStatus(204);
        client.admin("POST", "/tenants", "{\"id\":\"" + idOfA + "\",\"hosts\":[\"" + a + "\"]}").assertStatus(201);
        assertEquals(null, valueOrNull(a, "programmatic", "gone"), "a new tenant of the same id starts empty");
        assertEquals("B keeps", value(b, "programmatic", "keep"));
    }

    private void put(String host, String key, String value) {
        client.send("PUT", host, "/api/test/cache/programmatic/" + key, "text/plain", value).assertJson(200);
    }

    private String value(String host, String path, String key) {
        String value = valueOrNull(host, path, key);
        assertTrue(value != null, () -> path + "/" + key + " on " + host + " has no value");
        return value;
    }

    private String valueOrNull(String host, String path, String key) {
        JsonObject reply = client.get(host, "/api/test/cache/" + path + "/" + key).assertJson(200);
        return reply.isNull("value") ? null : reply.getString("value");
    }
}
