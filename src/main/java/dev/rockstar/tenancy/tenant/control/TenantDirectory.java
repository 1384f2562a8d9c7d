package dev.rockstar.tenancy.tenant.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.TenantEvent;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.cluster.ClusterChange;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The host and id index that requests resolve against: the tenants requests asked for, read from
 * the database on first use and then kept in memory (bounded), so that start-up reads no tenant
 * and resolution of a known host queries nothing. A committed change forgets what it touched
 * (the tenant's id and every host it had or has) rather than applying the event's picture, so the
 * next request reads the committed state even when two changes of one tenant commit in one order
 * and notify in the other. A host that no tenant owns is remembered for a few seconds only: a
 * tenant written by another node or straight into the database is found within that time.
 * Another node's committed changes arrive through the cluster's change feed and are forgotten
 * the same way, within the feed's poll interval.
 */
@ApplicationScoped
class TenantDirectory {

    private static final int PAGE = 500;

    @Inject
    TenantStore store;

    @Inject
    TenantDefaults defaults;

    @Inject
    @ConfigProperty(name = "tenancy.directory.max-entries", defaultValue = "10000")
    long maxEntries;

    @Inject
    @ConfigProperty(name = "tenancy.directory.unknown-seconds", defaultValue = "5")
    long unknownSeconds;

    private Cache<String, Optional<TenantInfo>> byHost;
    private Cache<String, Optional<TenantInfo>> byId;
    // The effective configuration is a function of one picture of the tenant and of the defaults,
    // which never change while deployed: computed on the picture's first request, not per request.
    // Weak keys compare by identity and go with the picture once no cache or request holds it.
    private final Cache<TenantInfo, TenantConfig> effective =
            Caffeine.newBuilder().weakKeys().executor(Runnable::run).build();

    @PostConstruct
    void init() {
        byHost = index();
        byId = index();
    }

    public Optional<TenantInfo> byHost(String normalisedHost) {
        return byHost.get(normalisedHost, store::loadByHost);
    }

    public Optional<TenantInfo> byId(String id) {
        return byId.get(id, store::load);
    }

    /** What {@link #byId} holds for the id now, without reading the database: null when nothing. */
    Optional<TenantInfo> cachedById(String id) {
        return byId.getIfPresent(id);
    }

    /** The tenant's own settings over the defaults, for that very picture of the tenant. */
    TenantConfig effective(TenantInfo tenant) {
        return effective.get(tenant, picture -> defaults.effective(picture.config()));
    }

    /**
     * Every registered tenant, active or not, in the order of their ids, for jobs that visit them
     * all. Read from the database a page at a time as the caller goes: the index holds only the
     * tenants requests asked for, and 100,000 tenants need not be in memory at once.
     */
    Iterable<TenantInfo> all() {
        return () -> new Iterator<>() {
            private int offset;
            private List<TenantInfo> page = List.of();
            private int next;
            private boolean last;

            @Override
            public boolean hasNext() {
                if (next == page.size() && !last) {
                    page = store.page(TenantRegistry.Search.ALL, offset, PAGE);
                    offset += page.size();
                    next = 0;
                    last = page.size() < PAGE;
                }
                return next < page.size();
            }

            @Override
            public TenantInfo next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(next++);
            }
        };
    }

    /**
     * Caffeine removes an entry under the lock its loading holds, so a load that read the state
     * before this commit finishes first and is then forgotten: no stale picture outlives the event.
     */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TenantEvent event) {
        byId.invalidate(event.tenantId());
        Stream.of(event.before(), event.after())
                .filter(Objects::nonNull)
                .flatMap(picture -> picture.hosts().stream())
                .forEach(byHost::invalidate);
    }

    /**
     * A change another node committed: forget the tenant, every host the feed names, and any
     * other host this node still maps to that tenant (a host moved away serves no one's data
     * from memory). Without the hosts (too many to record) or after a long outage, forget all.
     */
    void onElsewhere(@Observes ClusterChange change) {
        if (!change.changesTenant()) {
            return;
        }
        if (change.kind() == ClusterChange.Kind.ALL) {
            byId.invalidateAll();
            byHost.invalidateAll();
            return;
        }
        byId.invalidate(change.tenantId());
        if (change.hosts() == null) {
            byHost.invalidateAll();
            return;
        }
        change.hosts().forEach(byHost::invalidate);
        if (change.kind() == ClusterChange.Kind.REGISTERED) {
            return; // a new tenant owned no host this node holds (a deletion before forgot the old one's)
        }
        byHost.asMap()
                .entrySet()
                .removeIf(entry -> entry.getValue()
                        .map(TenantInfo::id)
                        .filter(change.tenantId()::equals)
                        .isPresent());
    }

    private Cache<String, Optional<TenantInfo>> index() {
        long unknownNanos = TimeUnit.SECONDS.toNanos(unknownSeconds);
        return Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(new Expiry<String, Optional<TenantInfo>>() {
                    @Override
                    public long expireAfterCreate(String key, Optional<TenantInfo> value, long currentTime) {
                        return value.isPresent() ? Long.MAX_VALUE : unknownNanos;
                    }

                    @Override
                    public long expireAfterUpdate(
                            String key, Optional<TenantInfo> value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(
                            String key, Optional<TenantInfo> value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                // Eviction in the calling thread: no work on threads the container does not manage.
                .executor(Runnable::run)
                .build();
    }
}
