package dev.rockstar.tenancy.documents.control;

import dev.rockstar.tenancy.TenantConfiguration;
import dev.rockstar.tenancy.TenantContext;
import dev.rockstar.tenancy.TenantData;
import dev.rockstar.tenancy.audit.control.AuditLog;
import dev.rockstar.tenancy.documents.entity.Comment;
import dev.rockstar.tenancy.documents.entity.Document;
import dev.rockstar.tenancy.limits.control.QuotaExceededException;
import dev.rockstar.tenancy.persistence.CrossTenantAccess;
import dev.rockstar.tenancy.persistence.IntegrityViolations;
import dev.rockstar.tenancy.persistence.TenantRowLock;
import dev.rockstar.tenancy.problems.ConflictException;
import dev.rockstar.tenancy.problems.ResourceNotFoundException;
import dev.rockstar.tenancy.problems.ValidationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The documents of the current tenant. Note what is absent: no tenant id in any query. The
 * injected {@code EntityManager} is the tenant's, so another tenant's document is simply not found.
 */
@ApplicationScoped
@Transactional
public class Documents {

    static final int MAX_TITLE = 200;
    static final int MAX_CONTENT = 100_000;
    static final int MAX_COMMENT = 10_000;

    static final String MAX_DOCUMENTS = "maxDocuments";
    static final String MAX_COMMENTS = "maxComments";

    @Inject
    @TenantData
    EntityManager em;

    @Inject
    TenantConfiguration configuration;

    @Inject
    TenantContext tenant;

    @Inject
    CrossTenantAccess crossTenant;

    @Inject
    AuditLog audit;

    @Inject
    DocumentCounts counts;

    public record Page<T>(List<T> items, long total) {}

    public Document create(String title, String content) {
        String validTitle = validTitle(title);
        requireRoomFor(MAX_DOCUMENTS, "select count(d) from Document d");
        requireUniqueTitle(validTitle, null);
        Document document = new Document(UUID.randomUUID().toString(), validTitle, validContent(content), now());
        // the count before the row: inserting the row takes a share lock on the tenant's registry
        // row (its foreign key), and a first count's lock on that row after it would deadlock
        counts.add(em, tenant.require().id(), 1, () -> count() + 1);
        em.persist(document);
        flush(validTitle);
        return document;
    }

    public Page<Document> list(int offset, int limit) {
        // The tenant's column leads the order (one value here): then H2 reads the page from
        // document_tenant_newest_idx rather than sorting all the tenant's rows (V14.2).
        List<Document> items = em.createQuery(
                        "select d from Document d order by COLUMN('tenant_id', d) desc, d.createdAt desc, d.id",
                        Document.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
        long total =
                em.createQuery("select count(d) from Document d", Long.class).getSingleResult();
        return new Page<>(items, total);
    }

    public long count() {
        return em.createQuery("select count(d) from Document d", Long.class).getSingleResult();
    }

    /** Every document of the tenant, oldest first: the export. */
    public List<Document> all() {
        return em.createQuery("select d from Document d order by d.createdAt, d.id", Document.class)
                .getResultList();
    }

    public Document get(String id) {
        if (!isUuid(id)) {
            // ids are UUIDs: anything else is no one's row, and need not cost a query, let alone two
            throw new ResourceNotFoundException("No document with id '" + id + "'");
        }
        Document document = em.find(Document.class, id);
        if (document == null) {
            crossTenant
                    .ownerOf(Document.class, id)
                    .ifPresent(owner -> audit.attempt(
                            tenant.require().id(),
                            "CROSS_TENANT_ID",
                            "asked for document " + id + ", which belongs to tenant '" + owner + "'"));
            throw new ResourceNotFoundException("No document with id '" + id + "'"); // the same answer either way
        }
        return document;
    }

    public Document update(String id, String title, String content) {
        Document document = get(id);
        String validTitle = validTitle(title);
        requireUniqueTitle(validTitle, id);
        document.setTitle(validTitle);
        document.setContent(validContent(content));
        flush(validTitle);
        return document;
    }

    public void delete(String id) {
        Document document = get(id);
        counts.add(em, tenant.require().id(), -1, () -> count() - 1); // first, as in create()
        em.createQuery("delete from Comment c where c.document = :document")
                .setParameter("document", document)
                .executeUpdate();
        em.remove(document);
    }

    /**
     * Sets the tenant's kept count ({@link DocumentCounts}) to its true count, which it answers. A
     * read-only tenant's is only counted: its rows are frozen, and the count is set right by the
     * first run once it is writable again.
     */
    public long recount() {
        if (!tenant.require().writable()) {
            return count();
        }
        long[] counted = new long[1];
        counts.recount(em, tenant.require().id(), () -> counted[0] = count());
        return counted[0];
    }

    public Comment comment(String documentId, String text) {
        Document document = get(documentId);
        if (text == null || text.isBlank() || text.length() > MAX_COMMENT) {
            throw new ValidationFailedException("text", "text must have 1 to " + MAX_COMMENT + " characters");
        }
        requireRoomFor(MAX_COMMENTS, "select count(c) from Comment c");
        Comment comment = new Comment(UUID.randomUUID().toString(), document, text, now());
        em.persist(comment);
        return comment;
    }

    /** A page of a document's comments, oldest first, and how many it has. */
    public Page<Comment> comments(String documentId, int offset, int limit) {
        Document document = get(documentId);
        List<Comment> items = em.createQuery(
                        "select c from Comment c where c.document = :document order by c.createdAt, c.id",
                        Comment.class)
                .setParameter("document", document)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
        long total = em.createQuery("select count(c) from Comment c where c.document = :document", Long.class)
                .setParameter("document", document)
                .getSingleResult();
        return new Page<>(items, total);
    }

    public void deleteComment(String documentId, String commentId) {
        // as in get(): an id that is no UUID is no one's row; a NUL in it would fail PostgreSQL's query (a 500)
        Comment comment = isUuid(commentId) ? em.find(Comment.class, commentId) : null;
        if (comment == null || !comment.getDocument().getId().equals(documentId)) {
            throw new ResourceNotFoundException("No comment with id '" + commentId + "' on this document");
        }
        em.remove(comment);
    }

    /** Enforces a count limit ({@code maxDocuments}, {@code maxComments}) before one more row. */
    private void requireRoomFor(String limit, String countQuery) {
        OptionalLong max = configuration.limit(limit);
        holdTenant(max.isPresent());
        if (max.isEmpty()) {
            return;
        }
        long count = em.createQuery(countQuery, Long.class).getSingleResult();
        if (count + 1 > max.getAsLong()) {
            throw new QuotaExceededException(limit, max.getAsLong());
        }
    }

    /**
     * Keeps the tenant from being deleted until this insert commits, or finds that a deletion
     * came first ({@link TenantRowLock}). Under a count limit the lock is exclusive, so that
     * concurrent creations of one tenant take turns and none slips past the limit; other tenants
     * never wait.
     */
    private void holdTenant(boolean exclusive) {
        String id = tenant.require().id();
        boolean there = exclusive ? TenantRowLock.holdAgainstWriters(em, id) : TenantRowLock.holdForWrite(em, id);
        if (!there) {
            throw new ConflictException("The tenant was deleted while this request ran; nothing was stored");
        }
    }

    private static boolean isUuid(String id) {
        if (id == null || id.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private void requireUniqueTitle(String title, String exceptId) {
        Long clashes = em.createQuery(
                        "select count(d) from Document d where d.title = :title and d.id <> :id", Long.class)
                .setParameter("title", title)
                .setParameter("id", exceptId == null ? "" : exceptId)
                .getSingleResult();
        if (clashes > 0) {
            throw new ConflictException("A document titled '" + title + "' already exists");
        }
    }

    /** The unique key is the last word when two requests race for one title. */
    private void flush(String title) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (IntegrityViolations.isCause(e)) {
                throw new ConflictException("A document titled '" + title + "' already exists");
            }
            throw e;
        }
    }

    private static String validTitle(String title) {
        String stripped = title == null ? "" : title.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_TITLE) {
            throw new ValidationFailedException("title", "title must have 1 to " + MAX_TITLE + " characters");
        }
        return stripped;
    }

    private static String validContent(String content) {
        String value = content == null ? "" : content;
        if (value.length() > MAX_CONTENT) {
            throw new ValidationFailedException("content", "content must have at most " + MAX_CONTENT + " characters");
        }
        return value;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
