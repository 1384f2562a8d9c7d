package dev.rockstar.tenancy.health;

import dev.rockstar.tenancy.persistence.Placements;
import jakarta.enterprise.inject.spi.CDI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * One placement, a check of its own named {@code placement:<name>}: up once its migrations ran
 * ({@link Placements#isAvailable}); a database placement also while a connection of its own pool
 * answers. A placement that is down stops only its own tenants, but a node that cannot serve all of
 * them is better left out of rotation than answering 503 for some.
 *
 * <p>Not a bean class: {@link PlacementChecks} declares one bean per declared placement.
 */
final class PlacementCheck implements HealthCheck {

    static final String PREFIX = "placement:";

    private final String placement;
    private final int timeoutSeconds;

    PlacementCheck(String placement, int timeoutSeconds) {
        this.placement = placement;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public HealthCheckResponse call() {
        String name = PREFIX + placement;
        Placements placements = CDI.current().select(Placements.class).get();
        if (!placements.isAvailable(placement)) {
            return Checks.down(
                    name,
                    Map.of(
                            "available",
                            false,
                            "error",
                            placements
                                    .unavailableBecause(placement)
                                    .map(why -> "its migrations failed")
                                    .orElse("not declared")));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("available", true);
        if (!placements.isDatabase(placement)) {
            return Checks.up(name, data);
        }
        data.put("database", "own");
        return DatabaseCheck.connect(name, placements, placement, timeoutSeconds, data);
    }
}
