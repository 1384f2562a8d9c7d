package dev.rockstar.tenancy.health;

import dev.rockstar.tenancy.persistence.SchemaVersions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready, and started, once the main database's migrations ran: the framework's tables and the
 * application's own, at the versions reported here. A failed migration fails the deployment, so
 * DOWN is only seen while they run.
 */
@Readiness
@ApplicationScoped
public class MigrationsCheck implements HealthCheck {

    static final String NAME = "migrations";

    @Inject
    SchemaVersions versions;

    @Override
    public HealthCheckResponse call() {
        return of(versions);
    }

    static HealthCheckResponse of(SchemaVersions versions) {
        if (!versions.isMigrated()) {
            return Checks.down(NAME, Map.of());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("framework", versions.framework());
        versions.application().ifPresent(version -> data.put("application", version));
        return Checks.up(NAME, data);
    }

    /** The same check under {@code /health/started}: a node has started once its schema is migrated. */
    @org.eclipse.microprofile.health.Startup
    @ApplicationScoped
    public static class Started implements HealthCheck {

        @Inject
        SchemaVersions versions;

        @Override
        public HealthCheckResponse call() {
            return of(versions);
        }
    }
}
