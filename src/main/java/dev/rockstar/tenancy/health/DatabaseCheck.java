package dev.rockstar.tenancy.health;

import dev.rockstar.tenancy.persistence.Placements;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the main database answers: a connection from the application's pool, checked
 * by the driver within {@code tenancy.health.timeout-seconds}. Without it no tenant can be served,
 * not even resolved.
 */
@Readiness
@ApplicationScoped
public class DatabaseCheck implements HealthCheck {

    static final String NAME = "database";
    private static final Logger LOG = Logger.getLogger(DatabaseCheck.class.getName());

    @Inject
    Placements placements;

    @Inject
    @ConfigProperty(name = "tenancy.health.timeout-seconds", defaultValue = "2")
    int timeoutSeconds;

    /**
     * Looks the pools up once, on the application's own thread: a name such as
     * {@code java:comp/DefaultDataSource} resolves only there, and a server may call a check on a
     * thread of its own (WildFly's management interface does).
     */
    void lookUpPools(@Observes Startup startup) {
        lookUp(Placements.SHARED);
        placements.databasePlacements().forEach(placement -> lookUp(placement.name()));
    }

    /** One that cannot be found now is DOWN when its check asks, not a failed start. */
    private void lookUp(String placement) {
        try {
            placements.dataSourceOf(placement);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Health check: no datasource for " + placement + " yet", e);
        }
    }

    @Override
    public HealthCheckResponse call() {
        return connect(NAME, placements, Placements.SHARED, timeoutSeconds, Map.of());
    }

    /** Whether a connection of the placement's pool answers; UP with {@code data} if it does. */
    static HealthCheckResponse connect(
            String name, Placements placements, String placement, int timeoutSeconds, Map<String, Object> data) {
        try (Connection connection = placements.dataSourceOf(placement).getConnection()) {
            if (connection.isValid(timeoutSeconds)) {
                return Checks.up(name, data);
            }
            return Checks.down(name, with(data, "no answer within " + timeoutSeconds + " s"));
        } catch (Exception e) {
            LOG.log(Level.FINE, "Health check " + name + ": no connection", e);
            return Checks.down(name, with(data, Checks.failure(e)));
        }
    }

    private static Map<String, Object> with(Map<String, Object> data, String error) {
        Map<String, Object> all = new LinkedHashMap<>(data);
        all.put("error", error);
        return all;
    }
}
