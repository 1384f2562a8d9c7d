package dev.rockstar.tenancy.metrics;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cardinality policy of per-tenant metrics: at most {@code max} tenants have series of their
 * own; the rest are counted together under {@value #OTHER}. When every place is taken, the
 * tenant seen least recently gives its place up if it has been idle for {@code idleNanos}, so
 * the places follow the tenants that are active now. With 100,000 tenants the registry still
 * holds at most {@code max + 1} series per metric.
 */
final class SeriesBudget {

    /** Not a possible tenant id (ids have no underscore), so it never collides with a tenant. */
    static final String OTHER = "_other";

    /** @param evicted a tenant whose series must be removed now, or {@code null} */
    record Admission(String series, String evicted) {}

    private final int max;
    private final long idleNanos;
    private final LinkedHashMap<String, Long> lastSeen = new LinkedHashMap<>(64, 0.75f, true);

    SeriesBudget(int max, long idleNanos) {
        this.max = max;
        this.idleNanos = idleNanos;
    }

    synchronized Admission admit(String tenantId, long now) {
        if (lastSeen.containsKey(tenantId)) {
            lastSeen.put(tenantId, now);
            return new Admission(tenantId, null);
        }
        if (lastSeen.size() < max) {
            lastSeen.put(tenantId, now);
            return new Admission(tenantId, null);
        }
        Iterator<Map.Entry<String, Long>> eldest = lastSeen.entrySet().iterator();
        if (eldest.hasNext()) {
            Map.Entry<String, Long> candidate = eldest.next();
            if (now - candidate.getValue() >= idleNanos) {
                eldest.remove();
                lastSeen.put(tenantId, now);
                return new Admission(tenantId, candidate.getKey());
            }
        }
        return new Admission(OTHER, null);
    }

    /**
     * The series a tenant's figures go to without taking a place: its own while its requests hold
     * one, else {@value #OTHER}. For figures that background work produces for every tenant alike,
     * which must not push the tenants active now out of their places.
     */
    synchronized String seriesOf(String tenantId) {
        return lastSeen.containsKey(tenantId) ? tenantId : OTHER;
    }

    synchronized int tracked() {
        return lastSeen.size();
    }
}
