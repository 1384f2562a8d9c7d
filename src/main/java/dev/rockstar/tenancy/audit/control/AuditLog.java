package dev.rockstar.tenancy.audit.control;

import dev.rockstar.tenancy.audit.entity.AuditEntry;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import dev.rockstar.tenancy.tenant.control.ClientAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The audit log: cross-tenant attempts, operators' changes and failed logins, each with time,
 * tenant, event, actor, remote address, detail and channel (where the change came from: the admin
 * API, the admin console, or the application itself).
 * <pre>
 * &#64;Inject AuditLog audit;
 * audit.record(tenantId, "USER_CREATED", "user 'alice' with roles [manager]");
 * audit.attempt(tenantId, "TENANT_MISMATCH", "session of acme presented on globex.example.com");
 * </pre>
 * Recording never blocks or fails the request it describes: the entry is written on the
 * server's managed executor, in a transaction of its own; a failure to write is logged. Repeats
 * from one source are coalesced and the queue is bounded ({@link AuditQueue}).
 */
@ApplicationScoped
public class AuditLog {

    private static final int MAX_DETAIL = 2000;
    public static final String API = "api";
    public static final String CONSOLE = "console";
    public static final String SYSTEM = "system";

    /** Which entries to read; {@code null} members match everything, times are inclusive. */
    public record Query(String tenantId, String event, Instant since, Instant until) {

        public static final Query ALL = new Query(null, null, null, null);

        /** @throws ValidationFailedException for a filter PostgreSQL cannot compare (U+0000) */
        public Query {
            comparable(tenantId, "tenant");
            comparable(event, "event");
        }

        private static void comparable(String filter, String name) {
            if (filter != null && filter.indexOf('\0') >= 0) {
                throw new ValidationFailedException(name, name + " must not contain the character U+0000");
            }
        }
    }

    @Inject
    AuditQueue queue;

    @Inject
    HttpServletRequest request;

    @Inject
    ClientAddresses clients;

    @PersistenceContext(unitName = "tenancy")
    EntityManager em;

    /** An entry whose actor is the caller of the current request (operator, user or anonymous). */
    public void record(String tenantId, String event, String detail) {
        record(tenantId, event, actor(), detail);
    }

    /**
     * An entry with a named actor, such as the username a failed login claimed. Control
     * characters are removed from every field first: they could forge lines in a log viewer or in
     * the server log, and a NUL is refused by PostgreSQL.
     */
    public void record(String tenantId, String event, String actor, String detail) {
        record(tenantId, event, actor, detail, AuditPriority.SECURITY);
    }

    void record(String tenantId, String event, String actor, String detail, AuditPriority priority) {
        queue.submit(entry(tenantId, event, actor, detail), System.currentTimeMillis(), false, priority);
    }

    /**
     * An attempt a client can repeat at will (a failed login, another tenant's session or id):
     * repeats from one source (tenant, event, actor, address) within a window are one entry with
     * a count, so that no client can bury the log; deliberate changes use {@link #record}. A full
     * queue drops a tenant's attempts first ({@link AuditPriority#BULK}); attempts with no tenant
     * are attempts on the operators' door (failed operator logins) and kept as security events.
     */
    public void attempt(String tenantId, String event, String actor, String detail) {
        queue.submit(
                entry(tenantId, event, actor, detail),
                System.currentTimeMillis(),
                true,
                tenantId == null ? AuditPriority.SECURITY : AuditPriority.BULK);
    }

    /** Entries dropped since this node started because the queue was full, of one priority. */
    public long dropped(AuditPriority priority) {
        return queue.dropped(priority);
    }

    /** {@link #attempt(String, String, String, String)} by the caller of the current request. */
    public void attempt(String tenantId, String event, String detail) {
        attempt(tenantId, event, actor(), detail);
    }

    private AuditEntry entry(String tenantId, String event, String actor, String detail) {
        String cleanActor = clean(actor, 200);
        return new AuditEntry(
                UUID.randomUUID().toString(),
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS),
                clean(tenantId, 63),
                clean(event, 40),
                cleanActor.isEmpty() ? "anonymous" : cleanActor,
                clean(remoteAddress(), 100),
                clean(detail, MAX_DETAIL),
                channel());
    }

    /**
     * Without C0/C1 controls (NUL, CR, LF, ESC ...), line and paragraph separators, and the
     * bidirectional overrides that make text read differently from what it is; at most {@code max}.
     */
    static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder clean = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int type = Character.getType(c);
            boolean unsafe = type == Character.CONTROL
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR
                    || (c >= '\u202a' && c <= '\u202e')
                    || (c >= '\u2066' && c <= '\u2069');
            if (unsafe && clean == null) {
                clean = new StringBuilder(value.length()).append(value, 0, i);
            } else if (!unsafe && clean != null) {
                clean.append(c);
            }
        }
        String result = clean == null ? value : clean.toString();
        return result.length() > max ? result.substring(0, max) : result;
    }

    /** Newest first, a page of them. */
    public List<AuditEntry> find(Query query, int offset, int limit) {
        return typed(query, "select a from AuditEntry a", " order by a.at desc, a.id desc", AuditEntry.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
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
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            return path.startsWith("/admin/") ? CONSOLE : path.startsWith("/api/") ? API : SYSTEM;
        } catch (ContextNotActiveException | IllegalStateException | NullPointerException e) {
            return SYSTEM;
        }
    }

    private String remoteAddress() {
        try {
            return clients.of(request);
        } catch (ContextNotActiveException | IllegalStateException e) {
            return "-";
        }
    }
}
