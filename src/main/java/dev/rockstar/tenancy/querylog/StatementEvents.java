package dev.rockstar.tenancy.querylog;

import dev.rockstar.tenancy.TenantDiscriminator;
import dev.rockstar.tenancy.metrics.TenantMetrics;
import jakarta.enterprise.inject.spi.CDI;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.persistence.internal.databaseaccess.DatabaseCall;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.queries.Call;
import org.eclipse.persistence.queries.DatabaseQuery;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Times every statement EclipseLink sends for a tenant, through the session's own statement
 * events (not EclipseLink's SQL logging, which is global): the seconds and the rows read go to the
 * tenant's metrics, and the statement to {@link QueryLog}, which keeps and logs it when the
 * tenant's log is on or the statement was slow. The tenant is the one of the
 * {@code EntityManager} that sent the statement (its {@code tenancy.tenant-id} property), never the
 * request's: an operator's {@code EntityManager} for tenant B inside another tenant's request
 * counts for B. Statements with no tenant (the registry, the audit log, the change feed) and
 * plain JDBC (an operator's cross-tenant counts and archives) are not a tenant's and are not seen.
 * <p>
 * Registered last: a statement a listener before it refuses never starts here.
 */
public final class StatementEvents extends SessionEventAdapter {

    private static final Logger LOG = Logger.getLogger(StatementEvents.class.getName());
    private static final int MAX_VALUE = 200;

    /** When the statement of this thread started: EclipseLink sends one statement at a time per thread. */
    private final ThreadLocal<Started> started = new ThreadLocal<>();

    private record Started(Call call, long nanos) {}

    private volatile QueryLog queryLog;
    private volatile TenantMetrics metrics;
    private volatile boolean failureLogged;

    @Override
    public void preExecuteCall(SessionEvent event) {
        started.set(new Started(event.getCall(), System.nanoTime()));
    }

    @Override
    public void postExecuteCall(SessionEvent event) {
        Started start = started.get();
        started.remove();
        if (start == null || start.call() != event.getCall() || !(event.getCall() instanceof DatabaseCall call)) {
            return;
        }
        long nanos = System.nanoTime() - start.nanos();
        String tenant = tenantOf(call);
        if (tenant == null) {
            return;
        }
        try {
            Object result = event.getResult();
            long rowsRead = result instanceof List<?> list ? list.size() : result instanceof Map<?, ?> ? 1 : 0;
            long rows = result instanceof Number changed ? changed.longValue() : rowsRead;
            QueryLog log = queryLog();
            TenantMetrics tenantMetrics = metrics();
            if (tenantMetrics != null) {
                tenantMetrics.sql(tenant, nanos, rowsRead);
            }
            if (log != null && log.wanted(tenant, nanos)) {
                log.executed(tenant, String.valueOf(call.getSQLString()), () -> values(call), nanos, rows);
            }
        } catch (RuntimeException e) {
            // Watching a statement must never fail it.
            if (!failureLogged) {
                failureLogged = true;
                LOG.log(Level.WARNING, "Recording a tenant's statement failed; further failures are not logged", e);
            }
        }
    }

    private static String tenantOf(DatabaseCall call) {
        DatabaseQuery query = call.getQuery();
        Session session = query == null ? null : query.getSession();
        Object tenant = session == null ? null : session.getProperty(TenantDiscriminator.CONTEXT_PROPERTY);
        return tenant == null ? null : tenant.toString();
    }

    /** The bind values as sent, each cut to {@value #MAX_VALUE} characters, binary as its length. */
    static String values(DatabaseCall call) {
        if (!call.hasParameters()) {
            return "";
        }
        return ((List<?>) call.getParameters())
                .stream().map(StatementEvents::value).collect(Collectors.joining(", "));
    }

    static String value(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof DatabaseField) {
            return "?"; // not bound to a value (an output parameter)
        }
        if (value instanceof byte[] bytes) {
            return "<" + bytes.length + " bytes>";
        }
        String text = value.toString();
        if (text.length() > MAX_VALUE) {
            text = text.substring(0, MAX_VALUE) + "...";
        }
        return value instanceof CharSequence ? "'" + text.replace("'", "''") + "'" : text;
    }

    /** Made by EclipseLink, not CDI, and it runs before CDI is up: the beans are looked up when there. */
    private QueryLog queryLog() {
        QueryLog known = queryLog;
        if (known == null) {
            known = lookUp(QueryLog.class);
            queryLog = known;
        }
        return known;
    }

    private TenantMetrics metrics() {
        TenantMetrics known = metrics;
        if (known == null) {
            known = lookUp(TenantMetrics.class);
            metrics = known;
        }
        return known;
    }

    private static <T> T lookUp(Class<T> type) {
        try {
            return CDI.current().select(type).get();
        } catch (RuntimeException notYet) {
            return null;
        }
    }
}
