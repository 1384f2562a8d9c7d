package dev.rockstar.tenancy.audit.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.rockstar.tenancy.tenant.entity.UnknownHostRequested;

/**
 * Audits a burst of requests for one unknown host (someone probing for tenants), once per
 * minute and host, rather than every miss. Memory stays bounded whatever hosts are tried.
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

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private volatile long windowStart = System.currentTimeMillis();

    void onUnknownHost(@Observes UnknownHostRequested request) {
        long now = System.currentTimeMillis();
        if (now - windowStart >= WINDOW_MILLIS || counts.size() >= MAX_TRACKED_HOSTS) {
            counts.clear();
            windowStart = now;
        }
        int count = counts.computeIfAbsent(request.host(), host -> new AtomicInteger()).incrementAndGet();
        if (count == threshold) {
            audit.record(null, "UNKNOWN_HOST_BURST", threshold + " requests within a minute for the unknown host '"
                    + request.host() + "'");
        }
    }
}
