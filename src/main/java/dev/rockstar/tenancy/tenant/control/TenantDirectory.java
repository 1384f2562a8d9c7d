package dev.rockstar.tenancy.tenant.control;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import dev.rockstar.tenancy.TenantEvent;
import dev.rockstar.tenancy.TenantInfo;

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

    @Inject
    TenantStore store;

    public Optional<TenantInfo> byHost(String normalisedHost) {
        String id = tenantIdByHost.get(normalisedHost);
        return id == null ? Optional.empty() : byId(id);
    }

    public Optional<TenantInfo> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    void loadAll() {
        store.loadAll().forEach(this::put);
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TenantEvent event) {
        refresh(event.tenantId());
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
        tenant.hosts().forEach(host -> tenantIdByHost.put(host, tenant.id()));
        if (previous != null) {
            previous.hosts().stream()
                    .filter(host -> !tenant.hosts().contains(host))
                    .forEach(host -> tenantIdByHost.remove(host, tenant.id()));
        }
    }

    private synchronized void remove(String tenantId) {
        TenantInfo previous = byId.remove(tenantId);
        if (previous != null) {
            previous.hosts().forEach(host -> tenantIdByHost.remove(host, tenantId));
        }
    }
}
