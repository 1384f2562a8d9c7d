package dev.rockstar.tenancy.tenant.control;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import dev.rockstar.tenancy.TenantConfig;
import dev.rockstar.tenancy.TenantEvent;
import dev.rockstar.tenancy.TenantInfo;
import dev.rockstar.tenancy.tenant.entity.TenantsImported;

/**
 * The in-memory host and id index that every request resolves against, so that resolution
 * never queries the database. Filled at start, and refreshed from the database after each
 * committed change: refreshing (rather than applying the event's picture) keeps the index right
 * when two changes of one tenant commit in one order and notify in the other.
 */
@ApplicationScoped
class TenantDirectory {

    private final Map<String, TenantInfo> byId = new ConcurrentHashMap<>();
    private final Map<String, String> tenantIdByHost = new ConcurrentHashMap<>();
    // The effective configuration is a function of the tenant's own and of the defaults, which
    // never change while deployed: computed on a tenant's first request after it was loaded, not
    // on every request (overlaying three maps was per request), nor up front for every tenant.
    private final Map<String, Effective> effectiveById = new ConcurrentHashMap<>();

    @Inject
    TenantStore store;

    @Inject
    TenantDefaults defaults;

    /** A tenant's settings over the defaults, for that very picture of the tenant. */
    private record Effective(TenantInfo of, TenantConfig config) {
    }

    public Optional<TenantInfo> byHost(String normalisedHost) {
        String id = tenantIdByHost.get(normalisedHost);
        return id == null ? Optional.empty() : byId(id);
    }

    public Optional<TenantInfo> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every known tenant, active or not, in the order of their ids. */
    List<TenantInfo> all() {
        return byId.values().stream().sorted(Comparator.comparing(TenantInfo::id)).toList();
    }

    /**
     * The tenant's own settings over the defaults. Memoised by identity: a picture of the tenant
     * other than the one loaded (older, or made outside the directory) gets its own, computed.
     */
    TenantConfig effective(TenantInfo tenant) {
        Effective memo = effectiveById.get(tenant.id());
        if (memo != null && memo.of() == tenant) {
            return memo.config();
        }
        TenantConfig computed = defaults.effective(tenant.config());
        if (byId.get(tenant.id()) == tenant) {
            // Only for the current picture, and never over a newer one a refresh put meanwhile.
            effectiveById.merge(tenant.id(), new Effective(tenant, computed),
                    (old, fresh) -> byId.get(fresh.of().id()) == fresh.of() ? fresh : old);
        }
        return computed;
    }

    void loadAll() {
        store.loadAll().forEach(this::put);
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TenantEvent event) {
        if (event.kind() == TenantEvent.Kind.REGISTERED && event.after().equals(byId.get(event.tenantId()))) {
            return; // loaded with its batch (onImported), and unchanged since
        }
        refresh(event.tenantId());
    }

    /** Loads a committed batch under the lock of {@link #refresh}, so a later change still wins. */
    synchronized void onImported(@Observes(during = TransactionPhase.AFTER_SUCCESS) TenantsImported imported) {
        store.load(imported.tenantIds()).forEach(this::put);
    }

    synchronized void refresh(String tenantId) {
        Optional<TenantInfo> current = store.load(tenantId);
        if (current.isPresent()) {
            put(current.get());
        } else {
            remove(tenantId);
        }
    }

    private synchronized void put(TenantInfo tenant) {
        TenantInfo previous = byId.put(tenant.id(), tenant);
        effectiveById.remove(tenant.id());
        tenant.hosts().forEach(host -> tenantIdByHost.put(host, tenant.id()));
        if (previous != null) {
            previous.hosts().stream()
                    .filter(host -> !tenant.hosts().contains(host))
                    .forEach(host -> tenantIdByHost.remove(host, tenant.id()));
        }
    }

    private synchronized void remove(String tenantId) {
        TenantInfo previous = byId.remove(tenantId);
        effectiveById.remove(tenantId);
        if (previous != null) {
            previous.hosts().forEach(host -> tenantIdByHost.remove(host, tenantId));
        }
    }
}
