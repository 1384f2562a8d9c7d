package dev.rockstar.tenancy.caching;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import dev.rockstar.tenancy.TenantEvent;

/**
 * Clears a tenant's cache entries once a change of the tenant commits: suspended, changed,
 * reactivated or deleted. Cached results may depend on the tenant's configuration; a deleted
 * tenant's entries must not greet a new tenant of the same id.
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
}
