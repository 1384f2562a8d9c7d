package dev.rockstar.tenancy.testing;

import dev.rockstar.tenancy.TenantCache;
import dev.rockstar.tenancy.TenantCached;
import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.TenantScoped;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.lang.annotation.Annotation;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * Test-only: application code using each of the three cache paths on one cache, and a counter
 * of real computations, so the tests can tell a hit from a miss.
 */
public final class CacheProbe {

    public static final String CACHE = "probe";

    private CacheProbe() {}

    @ApplicationScoped
    public static class Computations {

        private final AtomicInteger computed = new AtomicInteger();

        @Inject
        TenantContext tenant;

        @TenantCached(cacheName = CACHE)
        public String declarative(String key) {
            return "computed #" + computed.incrementAndGet() + " for "
                    + tenant.require().id() + ":" + key;
        }

        @CacheResult(cacheName = CACHE)
        public String annotated(String key) {
            return "computed #" + computed.incrementAndGet() + " for "
                    + tenant.require().id() + ":" + key;
        }

        @CachePut(cacheName = CACHE)
        public void annotatedPut(@CacheKey String key, @CacheValue String value) {}

        @CacheRemove(cacheName = CACHE)
        public void annotatedRemove(String key) {}

        @CacheRemoveAll(cacheName = CACHE)
        public void annotatedRemoveAll() {}

        /** Two methods without a cache name, equal arguments: each must keep its own entries. */
        @TenantCached
        public String unnamedFirst(String key) {
            return "first #" + computed.incrementAndGet() + " for "
                    + tenant.require().id() + ":" + key;
        }

        @TenantCached
        public String unnamedSecond(String key) {
            return "second #" + computed.incrementAndGet() + " for "
                    + tenant.require().id() + ":" + key;
        }

        /** A generator of the application's own that forgets the tenant: the key must still carry it. */
        @CacheResult(cacheName = CACHE + "-own-generator", cacheKeyGenerator = OneKeyForEveryone.class)
        public String ownGenerator(String key) {
            return "computed #" + computed.incrementAndGet() + " for "
                    + tenant.require().id() + ":" + key;
        }
    }

    /** The worst key generator an application could write: one key for every call. */
    public static class OneKeyForEveryone implements CacheKeyGenerator {

        @Override
        public GeneratedCacheKey generateCacheKey(CacheKeyInvocationContext<? extends Annotation> context) {
            return Everyone.KEY;
        }

        private enum Everyone implements GeneratedCacheKey {
            KEY
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

        @DELETE
        @Path("annotated")
        public JsonObject annotatedRemoveAll() {
            computations.annotatedRemoveAll();
            return value(null);
        }

        @GET
        @Path("unnamed-first/{key}")
        public JsonObject unnamedFirst(@PathParam("key") String key) {
            return value(computations.unnamedFirst(key));
        }

        @GET
        @Path("unnamed-second/{key}")
        public JsonObject unnamedSecond(@PathParam("key") String key) {
            return value(computations.unnamedSecond(key));
        }

        @GET
        @Path("own-generator/{key}")
        public JsonObject ownGenerator(@PathParam("key") String key) {
            return value(computations.ownGenerator(key));
        }

        /** Each path called with a {@code null} argument or key; {@code value} set stores it first. */
        @GET
        @Path("null-key/{path}")
        public JsonObject nullKey(@PathParam("path") String path, @QueryParam("value") String value) {
            return value(
                    switch (path) {
                        case "declarative" -> computations.declarative(null);
                        case "annotated" -> computations.annotated(null);
                        default -> {
                            if (value != null) {
                                cache.put(CACHE, null, value);
                            }
                            yield cache.<String>get(CACHE, null).orElse(null);
                        }
                    });
        }

        /** Which interceptors serve the probe's {@code @CacheResult} method: there must be exactly one. */
        @GET
        @Path("interceptors")
        public JsonObject interceptors() throws NoSuchMethodException {
            CacheResult binding =
                    Computations.class.getMethod("annotated", String.class).getAnnotation(CacheResult.class);
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
            return Json.createObjectBuilder()
                    .add("removed", cache.remove(CACHE, key))
                    .build();
        }

        private static JsonObject value(String value) {
            return value == null
                    ? Json.createObjectBuilder().addNull("value").build()
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
