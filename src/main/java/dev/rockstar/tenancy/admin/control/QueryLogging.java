package dev.rockstar.tenancy.admin.control;

import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import dev.rockstar.tenancy.querylog.QueryLog;
import dev.rockstar.tenancy.querylog.QueryLogSetting;
import dev.rockstar.tenancy.tenant.control.TenantRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;

/**
 * An operator watches one tenant's SQL for a while ({@link QueryLog}), on every node, from the
 * admin API or the console alike. Turning it on or off is audited.
 */
@ApplicationScoped
public class QueryLogging {

    /** A day: a watch is for a problem at hand, and ends by itself. */
    public static final double MAX_MINUTES = 1440;

    @Inject
    TenantRegistry registry;

    @Inject
    QueryLog queryLog;

    @Inject
    AuditLog audit;

    /**
     * @param minutes more than 0 and at most {@value #MAX_MINUTES}; fractions count (0.5 is 30 s)
     * @param values whether the statements show their bind values
     * @throws ValidationFailedException for minutes out of bounds
     * @throws dev.rockstar.tenancy.problems.ResourceNotFoundException when there is no such tenant
     */
    public QueryLog.Watch turnOn(String tenantId, double minutes, boolean values) {
        if (!(minutes > 0) || minutes > MAX_MINUTES) {
            throw new ValidationFailedException(
                    "minutes", "minutes must be a number above 0 and at most " + (long) MAX_MINUTES);
        }
        registry.require(tenantId);
        long millis = Math.max(1, Math.round(minutes * 60_000));
        QueryLog.Watch watch = queryLog.turn(tenantId, new QueryLogSetting(Duration.ofMillis(millis), values))
                .orElseThrow();
        audit.record(
                tenantId,
                "TENANT_QUERY_LOG_ON",
                "for " + minutes + " minutes, bind values " + (values ? "shown" : "redacted"));
        return watch;
    }

    public void turnOff(String tenantId) {
        registry.require(tenantId);
        queryLog.turn(tenantId, QueryLogSetting.off());
        audit.record(tenantId, "TENANT_QUERY_LOG_OFF", "turned off by an operator");
    }

    /** The tenant's watch on this node: empty when its log is off. */
    public Optional<QueryLog.Watch> watching(String tenantId) {
        registry.require(tenantId);
        return queryLog.watching(tenantId);
    }
}
