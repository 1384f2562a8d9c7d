package dev.rockstar.tenancy.tenant.control;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rockstar.tenancy.TenantEvent;
import dev.rockstar.tenancy.cluster.ClusterChange;
import dev.rockstar.tenancy.persistence.KnownPlacements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.function.Function;

/**
 * {@link KnownPlacements}: each tenant's placement as the registry last said, forgotten on every
 * committed change of the tenant (at once on this node, through the change feed on the others),
 * so that after a move switches a tenant no node routes its statements by the old placement for
 * longer than the feed takes. Not the picture a request bound when it began, which may be older
 * than the switch. Caffeine forgets an entry under the lock its loading holds: a load that read
 * the registry before a commit is forgotten after it, never kept.
 */
@ApplicationScoped
class TenantPlacementLookup implements KnownPlacements {

    private final Cache<String, KnownPlacements.Routed> placements =
            Caffeine.newBuilder().maximumSize(200_000).executor(Runnable::run).build();

    @Override
    public KnownPlacements.Routed routingOf(String tenantId, Function<String, KnownPlacements.Routed> fromRegistry) {
        return placements.get(tenantId, fromRegistry);
    }

    /**
     * Rolled back too: a statement inside the change's own transaction may have loaded what that
     * transaction had written (a restore's tenant), which must not outlive it.
     */
    void onCompleted(@Observes(during = TransactionPhase.AFTER_COMPLETION) TenantEvent event) {
        placements.invalidate(event.tenantId());
    }

    void onElsewhere(@Observes ClusterChange change) {
        if (change.kind() == ClusterChange.Kind.ALL) {
            placements.invalidateAll();
        } else if (change.changesTenant()) {
            placements.invalidate(change.tenantId());
        }
    }
}
