package dev.rockstar.tenancy.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rockstar.tenancy.testing.CacheProbe;
import dev.rockstar.tenancy.testing.Deployments;
import dev.rockstar.tenancy.testing.TenancyClient;
import dev.rockstar.tenancy.testing.TwoTenantsTest;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three cache paths on the server's JCache (Payara with its data grid: its own Hazelcast one;
 * WildFly, GlassFish and Payara Micro with {@code --nohazelcast}, as the tests start it: Caffeine
 * bundled in the WAR) and the application's tenant-keyed interceptors on
 * every server: one key rule, tenants apart, safe without naming a key generator.
 */
class TenantCacheIT extends TwoTenantsTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war()
                .addClasses(
                        CacheProbe.class,
                        CacheProbe.Computations.class,
                        CacheProbe.Scoped.class,
                        CacheProbe.Unscoped.class,
                        CacheProbe.OneKeyForEveryone.class);
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
                .assertJson(200)
                .getBoolean("removed"));
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
    void exactlyOneImplementationServesTheStandardAnnotationsTheApplicationsOnEveryServer() {
        JsonArray interceptors =
                client.get(a, "/api/test/cache/interceptors").assertJson(200).getJsonArray("interceptors");
        assertEquals(1, interceptors.size(), interceptors.toString());
        assertEquals(
                CacheResultInterceptor.class.getName(),
                interceptors.getString(0),
                "the server's own (Payara's) key without the tenant: they stand aside");
    }

    @Test
    void removeAllRemovesOnlyTheCurrentTenantsEntries() {
        put(a, "all-1", "A 1");
        put(b, "all-1", "B 1");
        String computedForB = value(b, "annotated", "all-2");
        client.send("DELETE", a, "/api/test/cache/annotated", null, null).assertJson(200);
        assertEquals(null, valueOrNull(a, "programmatic", "all-1"), "A's entries are gone");
        assertEquals("B 1", value(b, "programmatic", "all-1"), "B's entry is untouched");
        assertEquals(computedForB, value(b, "annotated", "all-2"), "B still hits");
    }

    @Test
    void twoUnnamedTenantCachedMethodsWithEqualArgumentsNeverShareEntries() {
        String first = value(a, "unnamed-first", "same");
        String second = value(a, "unnamed-second", "same");
        assertTrue(first.startsWith("first "), first);
        assertTrue(second.startsWith("second "), second);
        assertEquals(first, value(a, "unnamed-first", "same"), "each method hits its own entry");
        assertEquals(second, value(a, "unnamed-second", "same"));
        assertNotEquals(value(a, "unnamed-first", "same"), value(b, "unnamed-first", "same"), "and B has its own");
    }

    @Test
    void anApplicationsOwnKeyGeneratorStillKeysByTenant() {
        String ofA = value(a, "own-generator", "x");
        assertTrue(ofA.endsWith("for " + TenancyClient.idOf(a) + ":x"), ofA);
        String ofB = value(b, "own-generator", "y");
        assertTrue(ofB.endsWith("for " + TenancyClient.idOf(b) + ":y"), "B never gets A's entry: " + ofB);
        assertEquals(ofA, value(a, "own-generator", "z"), "within A the generator's one key is one entry");
    }

    @ParameterizedTest
    @ValueSource(strings = {"declarative", "annotated"})
    void aNullArgumentIsAValidKeyPerTenant(String path) {
        String ofA = nullKey(a, path, null);
        assertTrue(ofA.endsWith("for " + TenancyClient.idOf(a) + ":null"), ofA);
        assertEquals(ofA, nullKey(a, path, null), "a hit for A");
        String ofB = nullKey(b, path, null);
        assertTrue(ofB.endsWith("for " + TenancyClient.idOf(b) + ":null"), "B computes its own: " + ofB);
    }

    @Test
    void aNullKeyIsValidForTheProgrammaticCache() {
        assertEquals("A's null", nullKey(a, "programmatic", "A%27s%20null"));
        assertEquals("A's null", nullKey(a, "programmatic", null));
        JsonObject ofB = client.get(b, "/api/test/cache/null-key/programmatic").assertJson(200);
        assertTrue(ofB.isNull("value"), "B has no entry under null: " + ofB);
    }

    @Test
    void theStandardPutAndRemoveAnnotationsKeepToTheirTenant() {
        client.send("PUT", a, "/api/test/cache/annotated/put-key", "text/plain", "A's put")
                .assertJson(200);
        assertEquals("A's put", value(a, "programmatic", "put-key"), "@CachePut stored under A's key");
        assertEquals("A's put", value(a, "annotated", "put-key"), "@CacheResult finds it");
        assertEquals(null, valueOrNull(b, "programmatic", "put-key"), "B sees nothing");

        put(b, "put-key", "B's own");
        client.send("DELETE", b, "/api/test/cache/annotated/put-key", null, null)
                .assertJson(200);
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

        client.admin("DELETE", "/tenants/" + TenancyClient.idOf(a) + "/cache", null)
                .assertStatus(204);
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
        client.admin("PATCH", "/tenants/" + TenancyClient.idOf(a), "{\"status\":\"SUSPENDED\"}")
                .assertJson(200);
        client.admin("PATCH", "/tenants/" + TenancyClient.idOf(a), "{\"status\":\"ACTIVE\"}")
                .assertJson(200);
        assertEquals(null, valueOrNull(a, "programmatic", "gone"), "cleared on suspend");

        put(a, "gone", "A 2");
        client.admin("PATCH", "/tenants/" + TenancyClient.idOf(a), "{\"config\":{\"features\":{\"x\":true}}}")
                .assertJson(200);
        assertEquals(null, valueOrNull(a, "programmatic", "gone"), "cleared on change");

        put(a, "gone", "A 3");
        String idOfA = TenancyClient.idOf(a);
        client.admin("DELETE", "/tenants/" + idOfA, null).assertStatus(204);
        client.admin("POST", "/tenants", "{\"id\":\"" + idOfA + "\",\"hosts\":[\"" + a + "\"]}")
                .assertStatus(201);
        assertEquals(null, valueOrNull(a, "programmatic", "gone"), "a new tenant of the same id starts empty");
        assertEquals("B keeps", value(b, "programmatic", "keep"));
    }

    private String nullKey(String host, String path, String storeFirst) {
        JsonObject reply = client.get(
                        host, "/api/test/cache/null-key/" + path + (storeFirst == null ? "" : "?value=" + storeFirst))
                .assertJson(200);
        assertTrue(!reply.isNull("value"), () -> path + " with a null key on " + host + " has no value");
        return reply.getString("value");
    }

    private void put(String host, String key, String value) {
        client.send("PUT", host, "/api/test/cache/programmatic/" + key, "text/plain", value)
                .assertJson(200);
    }

    private String value(String host, String path, String key) {
        String value = valueOrNull(host, path, key);
        assertTrue(value != null, () -> path + "/" + key + " on " + host + " has no value");
        return value;
    }

    private String valueOrNull(String host, String path, String key) {
        JsonObject reply =
                client.get(host, "/api/test/cache/" + path + "/" + key).assertJson(200);
        return reply.isNull("value") ? null : reply.getString("value");
    }
}
