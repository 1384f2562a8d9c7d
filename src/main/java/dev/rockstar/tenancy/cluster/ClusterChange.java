package dev.rockstar.tenancy.cluster;

import java.util.Set;

/**
 * A change that another node committed, as this node learns it from the change feed: observers
 * forget what they hold in memory of the tenant (never apply a picture of it: the database has
 * the state). Fired outside any transaction, on the feed's thread, with no tenant.
 *
 * @param hosts the hosts the tenant had before or has after the change; {@code null} when the
 *        feed did not keep them, and then every host must be forgotten
 * @param setting what a change that is not the registry's carries, as its writer wrote it (a
 *        {@link Kind#QUERY_LOG} setting); {@code null} for the registry's changes
 */
public record ClusterChange(Kind kind, String tenantId, Set<String> hosts, String setting) {

    public ClusterChange(Kind kind, String tenantId, Set<String> hosts) {
        this(kind, tenantId, hosts, null);
    }

    public enum Kind {
        REGISTERED,
        CHANGED,
        SUSPENDED,
        REACTIVATED,
        DELETED,
        MADE_READ_ONLY,
        CACHE_CLEARED,
        /** an operator turned a tenant's query log on or off: the tenant itself is unchanged */
        QUERY_LOG,
        /** this node may have missed changes (it could not read the feed for longer than it keeps): forget everything */
        ALL
    }

    /** Whether the tenant's own cache entries must go: every change but a registration may change what they depend on. */
    public boolean clearsCache() {
        return kind != Kind.REGISTERED && kind != Kind.QUERY_LOG;
    }

    /** Whether what a node holds of the tenant itself (its picture, hosts, placement) may be stale now. */
    public boolean changesTenant() {
        return kind != Kind.CACHE_CLEARED && kind != Kind.QUERY_LOG;
    }
}
