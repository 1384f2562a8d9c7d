package dev.rockstar.tenancy.caching;

import dev.rockstar.tenancy.TenantEvent;
import dev.rockstar.tenancy.cluster.ClusterChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Clears a tenant's cache entries once a change of the tenant commits: suspended, changed,
 * reactivated or deleted. Cached results may depend on the tenant's configuration; a deleted
 * tenant's entries must not greet a new tenant of the same id. The same for changes and cache
 * clears of other nodes, from the cluster's change feed: each node's cache is its own (WildFly's
 * Caffeine, Payara's Hazelcast without clustering), so each node clears its own.
 */
@ApplicationScoped
class TenantCacheEviction {

    private static final Logger LOG = Logger.getLogger(TenantCacheEviction.class.getName());

    @Inject
    TenantCaches caches;

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) TenantEvent event) {
        if (event.kind() == TenantEvent.Kind.REGISTERED) {
            return;
        }
        int removed = caches.clear(event.tenantId());
        LOG.fine(() -> "Cleared " + removed + " cache entries of " + event.tenantId() + " after " + event.kind());
    }

    void onElsewhere(@Observes ClusterChange change) {
        if (change.kind() == ClusterChange.Kind.ALL) {
            caches.clearAll();
        } else if (change.clearsCache()) {
            int removed = caches.clear(change.tenantId());
            LOG.fine(() -> "Cleared " + removed + " cache entries of " + change.tenantId() + " after " + change.kind()
                    + " on another node");
        }
    }
}
