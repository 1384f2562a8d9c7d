package dev.rockstar.tenancy.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while this node follows the change feed: it read the feed to its end within
 * {@code tenancy.health.change-feed-seconds}. A node further behind may serve a tenant as it was
 * before another node's change (its configuration, its status, a deletion), so it is better out of
 * rotation until it has caught up.
 */
@Readiness
@ApplicationScoped
public class ChangeFeedCheck implements HealthCheck {

    static final String NAME = "change-feed";

    @Inject
    ChangeFeedPoller poller;

    @Inject
    @ConfigProperty(name = "tenancy.health.change-feed-seconds", defaultValue = "30")
    long boundSeconds;

    @Override
    public HealthCheckResponse call() {
        long behind =
                Math.max(0, Duration.between(poller.lastRead(), Instant.now()).toSeconds());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("secondsSinceRead", behind);
        data.put("boundSeconds", boundSeconds);
        data.put("readUpTo", poller.applied());
        // Built here, not through the health package's helper, which depends on what depends on the feed.
        return new HealthCheckResponse(
                NAME,
                behind <= boundSeconds ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                Optional.of(data));
    }
}
