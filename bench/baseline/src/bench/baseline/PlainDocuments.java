package bench.baseline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** The product's {@code Documents.list}, query for query, on the table without the tenant column. */
@ApplicationScoped
@Transactional
public class PlainDocuments {

    @PersistenceContext(unitName = "baseline")
    EntityManager em;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    public record Page(List<PlainDocument> items, long total) {
    }

    public Page list(int offset, int limit) {
        List<PlainDocument> items = em.createQuery("select d from PlainDocument d order by d.createdAt desc, d.id",
                        PlainDocument.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
        long total = em.createQuery("select count(d) from PlainDocument d", Long.class).getSingleResult();
        return new Page(items, total);
    }

    /**
     * The same {@code count} documents in the product's table for one tenant and in the plain
     * table: same ids, titles, contents and times, so both lists answer the same bytes. The
     * plain table mirrors the product's V2 migration, its index without the leading tenant_id.
     */
    public void fill(String tenantId, int count) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE IF NOT EXISTS plain_document (id VARCHAR(36) NOT NULL PRIMARY KEY, "
                        + "title VARCHAR(200) NOT NULL UNIQUE, content VARCHAR(100000) NOT NULL, "
                        + "created_at TIMESTAMP WITH TIME ZONE NOT NULL)");
                ddl.execute("CREATE INDEX IF NOT EXISTS plain_document_created_idx ON plain_document (created_at, id)");
            }
            try (PreparedStatement tenant = connection.prepareStatement(
                         "INSERT INTO document (tenant_id, id, title, content, created_at) VALUES (?, ?, ?, ?, ?)");
                 PreparedStatement plain = connection.prepareStatement(
                         "INSERT INTO plain_document (id, title, content, created_at) VALUES (?, ?, ?, ?)")) {
                OffsetDateTime start = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
                for (int g = 1; g <= count; g++) {
                    String id = UUID.nameUUIDFromBytes((tenantId + "/" + g).getBytes()).toString();
                    String title = "Document " + g;
                    String content = "Content of document " + g + " of tenant " + tenantId + ". "
                            + "Lorem ipsum dolor sit amet. ".repeat(5);
                    OffsetDateTime createdAt = start.plusMinutes(g);
                    tenant.setString(1, tenantId);
                    tenant.setString(2, id);
                    tenant.setString(3, title);
                    tenant.setString(4, content);
                    tenant.setObject(5, createdAt);
                    tenant.addBatch();
                    plain.setString(1, id);
                    plain.setString(2, title);
                    plain.setString(3, content);
                    plain.setObject(4, createdAt);
                    plain.addBatch();
                }
                tenant.executeBatch();
                plain.executeBatch();
            }
        }
    }
}
