package dev.rockstar.tenancy.health;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Responses built by constructor, not by {@link HealthCheckResponse#named}: that looks up the
 * server's response provider, and a server without MicroProfile Health has none.
 */
public final class Checks {

    private Checks() {}

    public static HealthCheckResponse up(String name, Map<String, Object> data) {
        return response(name, true, data);
    }

    public static HealthCheckResponse down(String name, Map<String, Object> data) {
        return response(name, false, data);
    }

    public static HealthCheckResponse response(String name, boolean up, Map<String, Object> data) {
        return new HealthCheckResponse(
                name,
                up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                data.isEmpty() ? Optional.empty() : Optional.of(new LinkedHashMap<>(data)));
    }

    /**
     * What a failure may tell an unauthenticated caller: its kind and SQL state, not its message,
     * which can name hosts, users or a statement.
     */
    public static String failure(Exception e) {
        String kind = e.getClass().getSimpleName();
        return e instanceof SQLException sql && sql.getSQLState() != null
                ? kind + " (SQL state " + sql.getSQLState() + ")"
                : kind;
    }
}
