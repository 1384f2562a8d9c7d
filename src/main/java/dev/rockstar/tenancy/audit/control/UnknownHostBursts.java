package dev.rockstar.tenancy.audit.control;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.rockstar.tenancy.tenant.entity.UnknownHostRequested;

/**
 * Audits a burst of requests for one unknown host (someone probing for tenants), once per
 * minute and host, rather than every miss. Memory stays bounded whatever hosts are tried: the
 * hosts seen least recently are forgotten first, so a flood of distinct made-up hosts cannot push
 * out the one host a real burst keeps asking for (clearing everything at the bound would have
 * reset its count each time the flood filled the map).
 */
@ApplicationScoped
class UnknownHostBursts {

    static final long WINDOW_MILLIS = 60_000;
    static final int MAX_TRACKED_HOSTS = 10_000;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "tenancy.audit.unknown-host-burst", defaultValue = "20")
    int threshold;

    /** Per host: the start of its window and its count in it; in access order, for eviction. */
    private final Map<String, long[]> windows = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_TRACKED_HOSTS;
        }
    };

    void onUnknownHost(@Observes UnknownHostRequested request) {
        if (count(request.host(), System.currentTimeMillis()) == threshold) {
            audit.record(null, "UNKNOWN_HOST_BURST", threshold + " requests within a minute for the unknown host '"
                    + request.host() + "'");
        }
    }

    /** Only requests for unknown hosts get here (404s), so one lock costs the tenants' traffic nothing. */
    synchronized long count(String host, long now) {
        long[] window = windows.computeIfAbsent(host, h -> new long[] {now, 0});
        if (now - window[0] >= WINDOW_MILLIS) {
            window[0] = now;
            window[1] = 0;
        }
        return ++window[1];
    }

    synchronized int trackedHosts() {
        return windows.size();
    }
}
