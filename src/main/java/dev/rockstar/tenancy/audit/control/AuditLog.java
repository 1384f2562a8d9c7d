package dev.rockstar.tenancy.audit.control;

import java.security.Principal;
import java.time.Instant;
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
 * tenant, event, actor, remote address, detail and channel (where the change came from: the admin
 * API, the admin console, or the application itself).
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
    public static final String API = "api";
    public static final String CONSOLE = "console";
    public static final String SYSTEM = "system";

    /** Which entries to read; {@code null} members match everything, times are inclusive. */
    public record Query(String tenantId, String event, Instant since, Instant until) {

        public static final Query ALL = new Query(null, null, null, null);
    }

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
                detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail, channel());
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

    /** Newest first, a page of them. */
    public List<AuditEntry> find(Query query, int offset, int limit) {
        return typed(query, "select a from AuditEntry a", " order by a.at desc, a.id desc", AuditEntry.class)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(Query query) {
        return typed(query, "select count(a) from AuditEntry a", "", Long.class).getSingleResult();
    }

    private <T> TypedQuery<T> typed(Query query, String select, String order, Class<T> type) {
        StringBuilder jpql = new StringBuilder(select).append(" where 1 = 1");
        if (query.tenantId() != null) {
            jpql.append(" and a.tenantId = :tenant");
        }
        if (query.event() != null) {
            jpql.append(" and a.event = :event");
        }
        if (query.since() != null) {
            jpql.append(" and a.at >= :since");
        }
        if (query.until() != null) {
            jpql.append(" and a.at <= :until");
        }
        TypedQuery<T> typed = em.createQuery(jpql.append(order).toString(), type);
        if (query.tenantId() != null) {
            typed.setParameter("tenant", query.tenantId());
        }
        if (query.event() != null) {
            typed.setParameter("event", query.event());
        }
        if (query.since() != null) {
            typed.setParameter("since", OffsetDateTime.ofInstant(query.since(), ZoneOffset.UTC));
        }
        if (query.until() != null) {
            typed.setParameter("until", OffsetDateTime.ofInstant(query.until(), ZoneOffset.UTC));
        }
        return typed;
    }

    private String actor() {
        try {
            Principal principal = request.getUserPrincipal();
            return principal == null ? "anonymous" : principal.getName();
        } catch (ContextNotActiveException | IllegalStateException e) {
            return "system";
        }
    }

    /**
     * Told by the path the request came in on, not by anything the caller says: the console's
     * pages are under {@code /admin/}, the REST API under {@code /api/}; work without a request
     * (start-up, scheduled tasks) is the application's own.
     */
    private String channel() {
        try {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return path.startsWith("/admin/") ? CONSOLE : path.startsWith("/api/") ? API : SYSTEM;
        } catch (ContextNotActiveException | IllegalStateException | NullPointerException e) {
            return SYSTEM;
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
