package dev.rockstar.tenancy.audit.control;

import java.security.Principal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.servlet.http.HttpServletRequest;

import dev.rockstar.tenancy.audit.entity.AuditEntry;

/**
 * The audit log: cross-tenant attempts, operators' changes and failed logins, each with time,
 * tenant, event, actor, remote address and detail.
 * <pre>
 * &#64;Inject AuditLog audit;
 * audit.record(tenantId, "TENANT_MISMATCH", "session of acme presented on globex.example.com");
 * </pre>
 * Recording never blocks or fails the request it describes: the entry is written on the
 * server's managed executor, in a transaction of its own; a failure to write is logged.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class.getName());
    private static final int MAX_DETAIL = 2000;

    @Resource
    ManagedExecutorService executor;

    @Inject
    AuditWriter writer;

    @Inject
    HttpServletRequest request;

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    /** An entry whose actor is the caller of the current request (operator, user or anonymous). */
    public void record(String tenantId, String event, String detail) {
        record(tenantId, event, actor(), detail);
    }

    /** An entry with a named actor, such as the username a failed login claimed. */
    public void record(String tenantId, String event, String actor, String detail) {
        AuditEntry entry = new AuditEntry(UUID.randomUUID().toString(),
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS), tenantId, event,
                actor.length() > 200 ? actor.substring(0, 200) : actor, remoteAddress(),
                detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail);
        try {
            executor.execute(() -> {
                try {
                    writer.write(entry);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Audit entry not written: " + event + " " + detail, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "Audit entry not written (executor busy): " + event + " " + detail, e);
        }
    }

    /** Newest first; {@code null} filters match everything. */
    public List<AuditEntry> find(String tenantId, String event, int limit) {
        StringBuilder jpql = new StringBuilder("select a from AuditEntry a where 1 = 1");
        if (tenantId != null) {
            jpql.append(" and a.tenantId = :tenant");
        }
        if (event != null) {
            jpql.append(" and a.event = :event");
        }
        jpql.append(" order by a.at desc, a.id desc");
        TypedQuery<AuditEntry> query = em.createQuery(jpql.toString(), AuditEntry.class).setMaxResults(limit);
        if (tenantId != null) {
            query.setParameter("tenant", tenantId);
        }
        if (event != null) {
            query.setParameter("event", event);
        }
        return query.getResultList();
    }

    private String actor() {
        try {
            Principal principal = request.getUserPrincipal();
            return principal == null ? "anonymous" : principal.getName();
        } catch (ContextNotActiveException | IllegalStateException e) {
            return "system";
        }
    }

    private String remoteAddress() {
        try {
            return String.valueOf(request.getRemoteAddr());
        } catch (ContextNotActiveException | IllegalStateException e) {
            return "-";
        }
    }
}
