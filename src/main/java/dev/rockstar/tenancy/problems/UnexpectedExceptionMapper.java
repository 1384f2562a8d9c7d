package dev.rockstar.tenancy.problems;

import dev.rockstar.tenancy.logging.LogTags;
import jakarta.persistence.OptimisticLockException;
import jakarta.resource.ResourceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAException;

/**
 * The last line: anything no other mapper claimed. The client gets a problem document with an
 * incident id and never a stack trace; the log gets the stack trace under the same id. A database
 * that cannot be reached is reported as {@code UNAVAILABLE}: the transaction was rolled back,
 * nothing is half-written.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable exception) {
        return toResponse(exception, "The database is unavailable; nothing was changed.");
    }

    /** @param whenUnavailable what the client is told, before the incident id, when the database failed it */
    Response toResponse(Throwable exception, String whenUnavailable) {
        ProblemException problem = findProblem(exception);
        if (problem != null) {
            return problem.toProblem().toResponse(problem.headers());
        }
        if (isConcurrentChange(exception)) {
            return Problem.of(
                            ProblemCode.CONFLICT,
                            "Changed by another request at the same time; nothing was changed."
                                    + " Read it again and retry")
                    .toResponse();
        }
        // The request's id where there is one: the problem's instance and the log line agree.
        String request = LogTags.requestId();
        String incident = request == null ? UUID.randomUUID().toString() : request;
        if (isDatabaseFailure(exception)) {
            LOG.log(Level.WARNING, "Database unavailable, incident " + incident, exception);
            return Problem.of(ProblemCode.UNAVAILABLE, whenUnavailable + " Incident " + incident)
                    .toResponse();
        }
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, exception);
        return Problem.of(ProblemCode.INTERNAL_ERROR, "Unexpected error. Incident " + incident)
                .toResponse();
    }

    /**
     * Interceptors and transactions wrap what the business code threw; unwrap it. The causes
     * first; then the suppressed exceptions too, where a transaction manager keeps what failed its
     * commit (a write refused at the flush before the commit: 503 {@code TENANT_READ_ONLY}).
     */
    static ProblemException findProblem(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof ProblemException p) {
                return p;
            }
        }
        ProblemException[] found = new ProblemException[1];
        anyCause(exception, t -> {
            if (t instanceof ProblemException p) {
                found[0] = p;
                return true;
            }
            return false;
        });
        return found[0];
    }

    /**
     * Whether the exception, one of its causes, or one of theirs' suppressed exceptions is of that
     * kind. The suppressed ones count: a transaction manager that fails to commit throws its own
     * rollback exception and keeps the driver's reason only as a suppressed exception (Narayana on
     * WildFly: {@code ARJUNA016053} with a suppressed {@code LocalXAException} over the driver's
     * I/O error).
     */
    private static boolean anyCause(Throwable exception, Predicate<Throwable> kind) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.push(exception);
        while (!pending.isEmpty()) {
            Throwable t = pending.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (kind.test(t)) {
                return true;
            }
            if (t.getCause() != null) {
                pending.push(t.getCause());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                pending.push(suppressed);
            }
        }
        return false;
    }

    /**
     * Two operators changed one row at once (its {@code @Version} moved under the transaction):
     * the later one is rolled back. Seen by the isolation fuzz as a 500 on
     * {@code DELETE /api/admin/tenants/{id}/hosts/{host}} racing a {@code PATCH} of the tenant.
     * JPA's and EclipseLink's exceptions alike, wrapped as a transaction rollback or not.
     */
    private static boolean isConcurrentChange(Throwable exception) {
        return anyCause(
                exception,
                t -> t instanceof OptimisticLockException
                        || t.getClass().getName().equals("org.eclipse.persistence.exceptions.OptimisticLockException"));
    }

    /**
     * The database cannot be reached or cannot serve in time, as opposed to a bug: SQLSTATE class
     * 08 (connection), class 57 (operator intervention: a statement cancelled by
     * {@code statement_timeout}, a server shutting down or starting up), 55P03 (a lock not granted
     * within {@code lock_timeout}), a statement or lock wait that timed out (H2's lock timeout,
     * {@code HYT00}: a write waiting for a long tenant deletion), a refused connection, or the
     * server's pool failing to hand out a connection within its wait time (a connector exception).
     * Public for code that runs before JAX-RS (the authentication mechanism) and answers itself.
     */
    public static boolean isDatabaseFailure(Throwable exception) {
        return anyCause(
                exception,
                t -> t instanceof SQLTransientConnectionException
                        || t instanceof SQLNonTransientConnectionException
                        || t instanceof SQLTimeoutException
                        || t instanceof ConnectException
                        || t instanceof ResourceException
                        || t instanceof XAException
                        || (t instanceof SQLException sql && isUnavailable(sql.getSQLState())));
    }

    private static boolean isUnavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57") || sqlState.equals("55P03"));
    }
}
