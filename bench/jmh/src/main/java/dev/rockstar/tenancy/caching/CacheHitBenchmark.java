package dev.rockstar.tenancy.caching;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;

import jakarta.interceptor.InvocationContext;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import com.hazelcast.core.Hazelcast;

import dev.rockstar.tenancy.TenantCached;
import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.TenantStatus;

/**
 * A cache hit through the product's {@code TenantCache} and {@code @TenantCached} interceptor
 * against a raw JCache {@code get} on the same cache, for each provider: Hazelcast's JCache in
 * member mode (what Payara's {@code payara/CacheManager} is) and the bundled Caffeine one.
 * The product's classes are used as they are; CDI's part (the request-scoped tenant's client
 * proxy, the interceptor chain) is not in this loop: a fixed {@link TenantContext} stands in.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Short iterations, many of them, in two forks: on a shared machine the best iteration is the
// figure least disturbed by other processes (bench/cache-hit.sh prints it beside the mean).
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g", "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.logging.type=none"})
public class CacheHitBenchmark {

    static final String CACHE = "bench";
    static final String KEY = "document-42";
    static final String VALUE = "{\"id\":\"document-42\",\"title\":\"Quarterly report\"}";

    @Param({"hazelcast", "caffeine"})
    String provider;

    TenantCaches caches;
    JCacheTenantCache tenantCache;
    TenantCachedInterceptor interceptor;
    Cache<Object, Object> raw;
    InvocationContext invocation;
    String tenantId;

    /** The application class whose method the interceptor serves. */
    public static class Documents {
        @TenantCached(cacheName = CACHE)
        public String title(String id) {
            throw new AssertionError("a miss: the benchmark measures hits only");
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        TenantContext tenant = new FixedTenant(new TenantInfo("acme", "Acme Corp", TenantStatus.ACTIVE,
                List.of("acme.test"), TenantConfig.EMPTY, Instant.now()));
        caches = new TenantCaches();
        caches.managerJndiName = "java:comp/env/none"; // no JNDI here: the provider below is used
        caches.ttlSeconds = 300;
        if (provider.equals("hazelcast")) {
            System.setProperty("hazelcast.config", "classpath:hazelcast-bench.xml");
            System.setProperty("hazelcast.jcache.provider.type", "member");
            caches.providerClass = "com.hazelcast.cache.HazelcastCachingProvider";
        } else {
            caches.providerClass = TenantCaches.BUNDLED_PROVIDER;
        }
        caches.init();

        tenantCache = new JCacheTenantCache();
        tenantCache.tenant = tenant;
        tenantCache.caches = caches;
        interceptor = new TenantCachedInterceptor();
        interceptor.tenant = tenant;
        interceptor.caches = caches;

        tenantId = tenant.require().id();
        tenantCache.put(CACHE, KEY, VALUE);
        raw = caches.cache(CACHE);
        raw.put(KEY, VALUE); // the same cache, the application's own key, no tenant
        invocation = new Call(new Documents(), Documents.class.getMethod("title", String.class), new Object[] {KEY});
        if (!VALUE.equals(tenantHit()) || !VALUE.equals(tenantCachedHit()) || !VALUE.equals(rawHit())
                || !VALUE.equals(rawTenantKeyHit())) {
            throw new IllegalStateException("not a hit on every path");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        Hazelcast.shutdownAll();
    }

    @Benchmark
    public Object rawHit() {
        return raw.get(KEY);
    }

    /**
     * A raw get with the key the product builds for the tenant (a new {@link TenantKey} per call,
     * as every hit makes one): what the namespaced key alone costs the provider, none of the
     * product's code around it. tenantHit over this is the product's own share.
     */
    @Benchmark
    public Object rawTenantKeyHit() {
        return raw.get(new TenantKey(tenantId, KEY));
    }

    @Benchmark
    public Object tenantHit() {
        Optional<Object> hit = tenantCache.get(CACHE, KEY);
        return hit.orElse(null);
    }

    @Benchmark
    public Object tenantCachedHit() throws Exception {
        return interceptor.cached(invocation);
    }

    private record FixedTenant(TenantInfo tenant) implements TenantContext {
        @Override
        public Optional<TenantInfo> current() {
            return Optional.of(tenant);
        }

        @Override
        public TenantInfo require() {
            return tenant;
        }

        @Override
        public Optional<String> host() {
            return Optional.of(tenant.hosts().get(0));
        }
    }

    /** What an interceptor chain hands the interceptor for one call. */
    private static final class Call implements InvocationContext {
        private final Object target;
        private final Method method;
        private Object[] parameters;
        private final Map<String, Object> data = new HashMap<>();

        Call(Object target, Method method, Object[] parameters) {
            this.target = target;
            this.method = method;
            this.parameters = parameters;
        }

        @Override
        public Object getTarget() {
            return target;
        }

        @Override
        public Object getTimer() {
            return null;
        }

        @Override
        public Method getMethod() {
            return method;
        }

        @Override
        public Constructor<?> getConstructor() {
            return null;
        }

        @Override
        public Object[] getParameters() {
            return parameters;
        }

        @Override
        public void setParameters(Object[] params) {
            parameters = params;
        }

        @Override
        public Map<String, Object> getContextData() {
            return data;
        }

        @Override
        public Object proceed() throws Exception {
            return method.invoke(target, parameters);
        }
    }
}
