package dev.rockstar.tenancy.cluster;

import dev.rockstar.tenancy.TenantEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes the change feed the other nodes follow: a registry change gets its row in its own
 * transaction (so a row exists exactly when the change committed, and a node that reads it reads
 * the committed state), a cache clear right after it happened.
 */
@ApplicationScoped
public class ChangeFeed {

    // Far beyond any sensible number of hosts; past it readers forget every host instead.
    static final int MAX_HOSTS_LENGTH = 4000;

    @Inject
    ClusterStore store;

    @Inject
    ClusterNode node;

    /** In the registry's transaction, before it commits. */
    void onChange(@Observes TenantEvent event) {
        Set<String> hosts = new LinkedHashSet<>();
        Stream.of(event.before(), event.after())
                .filter(Objects::nonNull)
                .forEach(picture -> hosts.addAll(picture.hosts()));
        store.insert(
                event.kind().name(),
                event.tenantId(),
                ClusterStore.joined(hosts, MAX_HOSTS_LENGTH).orElse(null),
                node.id());
    }

    /** A tenant's cache entries were cleared on this node: the others clear theirs. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void cacheCleared(String tenantId) {
        store.insert(ClusterChange.Kind.CACHE_CLEARED.name(), tenantId, "", node.id());
    }

    /** A row of the feed as its writer wrote it, {@code at} by the writer's clock. */
    public record Written(String tenantId, String setting, Instant at) {}

    /**
     * The last {@link ClusterChange.Kind#QUERY_LOG} row of each tenant still in the feed (kept
     * {@code tenancy.cluster.retention-seconds}), for a node that starts after it was written:
     * the feed's readers start at its end.
     */
    public Collection<Written> lastQueryLogSettings() {
        Map<String, Written> last = new LinkedHashMap<>();
        store.ofKind(ClusterChange.Kind.QUERY_LOG.name()).forEach(row -> last.put(row.tenantId(), row));
        return last.values();
    }

    /** An operator turned a tenant's query log on or off here: the others follow {@code setting}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void queryLogChanged(String tenantId, String setting) {
        store.insert(ClusterChange.Kind.QUERY_LOG.name(), tenantId, setting, node.id());
    }
}
