package dev.rockstar.tenancy.caching;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's only door to JCache. It uses the server's own cache manager (Payara with its
 * data grid: the Hazelcast one, clustered, found in JNDI); where the server has none (WildFly,
 * GlassFish, Payara Micro with {@code --nohazelcast} as the docs start it), the provider
 * named by {@code tenancy.cache.provider}, by default Caffeine's, bundled in the WAR. Never
 * whichever provider the classpath happens to list first: on Payara that is Hazelcast in client
 * mode, which hangs requests. It also keeps the names of the caches the application used (in a
 * cache of its own, so every node of a cluster knows them), so that clearing a tenant reaches
 * every cache and nothing outside the application.
 */
@ApplicationScoped
public class TenantCaches {

    static final String NAMES_CACHE = "rockstar-tenancy.cache-names";
    static final String BUNDLED_PROVIDER = "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";
    private static final Logger LOG = Logger.getLogger(TenantCaches.class.getName());

    @Inject
    @ConfigProperty(name = "tenancy.cache.manager-jndi", defaultValue = "payara/CacheManager")
    String managerJndiName;

    @Inject
    @ConfigProperty(name = "tenancy.cache.provider", defaultValue = BUNDLED_PROVIDER)
    String providerClass;

    @Inject
    @ConfigProperty(name = "tenancy.cache.ttl-seconds", defaultValue = "300")
    long ttlSeconds;

    private CacheManager manager;
    private MutableConfiguration<Object, Object> expiring;
    private final Set<String> remembered = ConcurrentHashMap.newKeySet();
    // Every hit asks for its cache by name: the manager's lookup (Hazelcast builds the prefixed
    // name, a new String, each time) and remembering the name again were most of what a
    // TenantCache hit added to a raw Caffeine hit (docs/BENCHMARKS.md, bench/cache-hit.sh). A cache
    // closed or destroyed since is looked up again.
    private final Map<String, Cache<Object, Object>> open = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        expiring = new MutableConfiguration<>()
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, ttlSeconds)));
        manager = serverManager();
        if (manager == null) {
            // The application's own class loader: the provider is the WAR's, and its caches the application's.
            manager = Caching.getCachingProvider(providerClass.strip(), TenantCaches.class.getClassLoader())
                    .getCacheManager();
            LOG.info(() -> "No JCache cache manager in JNDI at " + managerJndiName + "; using the provider "
                    + providerClass.strip() + " (caches are local to this node)");
        }
    }

    /** A cache of the application, created with the configured time to live on first use. */
    public Cache<Object, Object> cache(String name) {
        Cache<Object, Object> cache = open.get(name);
        if (cache == null || cache.isClosed()) {
            cache = getOrCreate(name, expiring);
            remember(name);
            open.put(name, cache);
        }
        return cache;
    }

    /** Records a cache name the JCache annotations use; their interceptors create those caches themselves. */
    public void remember(String name) {
        // Once per name and node: the shared record is a clustered write, not for every cache access.
        if (!NAMES_CACHE.equals(name) && remembered.add(name)) {
            names().putIfAbsent(name, Boolean.TRUE);
        }
    }

    /** Removes every entry of one tenant from every cache of the application, and nothing else. */
    public int clear(String tenantId) {
        int removed = 0;
        for (String name : cacheNames()) {
            removed += clear(tenantId, name);
        }
        return removed;
    }

    /** Empties every cache of the application: after a node may have missed changes of any tenant. */
    public void clearAll() {
        for (String name : cacheNames()) {
            Cache<Object, Object> cache = manager.getCache(name);
            if (cache != null) {
                cache.clear();
            }
        }
    }

    /** How many entries one tenant has, over every cache of the application (a walk of each cache: for operators, not requests). */
    public int count(String tenantId) {
        int count = 0;
        for (String name : cacheNames()) {
            Cache<Object, Object> cache = manager.getCache(name);
            if (cache != null) {
                for (Cache.Entry<Object, Object> entry : cache) {
                    if (entry.getKey() instanceof TenantKey key
                            && key.tenantId().equals(tenantId)) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** Removes one tenant's entries of one cache, and nothing else. */
    int clear(String tenantId, String cacheName) {
        Cache<Object, Object> cache = manager.getCache(cacheName);
        if (cache == null) {
            return 0;
        }
        Set<Object> keys = new HashSet<>();
        for (Cache.Entry<Object, Object> entry : cache) {
            if (entry.getKey() instanceof TenantKey key && key.tenantId().equals(tenantId)) {
                keys.add(key);
            }
        }
        cache.removeAll(keys);
        return keys.size();
    }

    private List<String> cacheNames() {
        List<String> names = new ArrayList<>();
        names().forEach(entry -> names.add(entry.getKey().toString()));
        return names;
    }

    private Cache<Object, Object> names() {
        return getOrCreate(NAMES_CACHE, new MutableConfiguration<>());
    }

    private Cache<Object, Object> getOrCreate(String name, MutableConfiguration<Object, Object> configuration) {
        Cache<Object, Object> cache = manager.getCache(name);
        if (cache == null) {
            try {
                cache = manager.createCache(name, configuration);
            } catch (javax.cache.CacheException alreadyCreated) {
                cache = manager.getCache(name); // another thread or node created it first
            }
        }
        return cache;
    }

    private CacheManager serverManager() {
        try {
            return (CacheManager) new InitialContext().lookup(managerJndiName);
        } catch (NamingException | ClassCastException e) {
            LOG.log(Level.FINE, "No server cache manager at " + managerJndiName, e);
            return null;
        }
    }
}
