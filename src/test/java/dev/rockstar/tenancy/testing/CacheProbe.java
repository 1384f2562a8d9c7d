package dev.rockstar.tenancy.testing;

import java.util.concurrent.atomic.AtomicInteger;

import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.InterceptionType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.rockstar.tenancy.TenantScoped;
import dev.rockstar.tenancy.caching.TenantCache;
import dev.rockstar.tenancy.caching.TenantCacheKeyGenerator;
import dev.rockstar.tenancy.caching.TenantCached;
import dev.rockstar.tenancy.tenant.control.TenantContext;

/**
 * Test-only: application code using each of the three cache paths on one cache, and a counter
 * of real computations, so the tests can tell a hit from a miss.
 */
public final class CacheProbe {

    public static final String CACHE = "probe";

    private CacheProbe() {
    }

    @ApplicationScoped
    public static class Computations {

        private final AtomicInteger computed = new AtomicInteger();

        @Inject
        TenantContext tenant;

        @TenantCached(cacheName = CACHE)
        public String declarative(String key) {
            return "computed #" + computed.incrementAndGet() + " for " + tenant.require().id() + ":" + key;
        }

        @CacheResult(cacheName = CACHE, cacheKeyGenerator = TenantCacheKeyGenerator.class)
        public String annotated(String key) {
            return "computed #" + computed.incrementAndGet() + " for " + tenant.require().id() + ":" + key;
        }

        @CachePut(cacheName = CACHE, cacheKeyGenerator = TenantCacheKeyGenerator.class)
        public void annotatedPut(@CacheKey String key, @CacheValue String value) {
        }

        @CacheRemove(cacheName = CACHE, cacheKeyGenerator = TenantCacheKeyGenerator.class)
        public void annotatedRemove(String key) {
        }
    }

    @Path("test/cache")
    @TenantScoped
    @RequestScoped
    @Produces(MediaType.APPLICATION_JSON)
    public static class Scoped {

        @Inject
        Computations computations;

        @Inject
        TenantCache cache;

        @Inject
        BeanManager beans;

        @GET
        @Path("declarative/{key}")
        public JsonObject declarative(@PathParam("key") String key) {
            return value(computations.declarative(key));
        }

        @GET
        @Path("annotated/{key}")
        public JsonObject annotated(@PathParam("key") String key) {
            return value(computations.annotated(key));
        }

        @PUT
        @Path("annotated/{key}")
        @Consumes(MediaType.TEXT_PLAIN)
        public JsonObject annotatedPut(@PathParam("key") String key, String value) {
            computations.annotatedPut(key, value);
            return value(value);
        }

        @DELETE
        @Path("annotated/{key}")
        public JsonObject annotatedRemove(@PathParam("key") String key) {
            computations.annotatedRemove(key);
            return value(null);
        }

        /** Which interceptors serve the probe's {@code @CacheResult} method: there must be exactly one. */
        @GET
        @Path("interceptors")
        public JsonObject interceptors() throws NoSuchMethodException {
            CacheResult binding = Computations.class.getMethod("annotated", String.class).getAnnotation(CacheResult.class);
            JsonArrayBuilder names = Json.createArrayBuilder();
            beans.resolveInterceptors(InterceptionType.AROUND_INVOKE, binding)
                    .forEach(interceptor -> names.add(interceptor.getBeanClass().getName()));
            return Json.createObjectBuilder().add("interceptors", names).build();
        }

        @GET
        @Path("programmatic/{key}")
        public JsonObject get(@PathParam("key") String key) {
            return value(cache.<String>get(CACHE, key).orElse(null));
        }

        @PUT
        @Path("programmatic/{key}")
        @Consumes(MediaType.TEXT_PLAIN)
        public JsonObject put(@PathParam("key") String key, String value) {
            cache.put(CACHE, key, value);
            return value(value);
        }

        @DELETE
        @Path("programmatic/{key}")
        public JsonObject remove(@PathParam("key") String key) {
            return Json.createObjectBuilder().add("removed", cache.remove(CACHE, key)).build();
        }

        private static JsonObject value(String value) {
            return value == null ? Json.createObjectBuilder().addNull("value").build()
                    : Json.createObjectBuilder().add("value", value).build();
        }
    }

    /** Not {@code @TenantScoped}: every path must refuse here. */
    @Path("test/cache-untenanted")
    @RequestScoped
    @Produces(MediaType.APPLICATION_JSON)
    public static class Unscoped {

        @Inject
        Computations computations;

        @Inject
        TenantCache cache;

        @GET
        @Path("declarative")
        public String declarative() {
            return computations.declarative("k");
        }

        @GET
        @Path("annotated")
        public String annotated() {
            return computations.annotated("k");
        }

        @GET
        @Path("programmatic")
        public String programmatic() {
            return cache.<String>get(CACHE, "k").orElse("none");
        }
    }
}
