package dev.rockstar.tenancy.documents.entity;

import dev.rockstar.tenancy.TenantDiscriminator;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinColumns;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.PrimaryKey;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A comment on a document: a tenant-owned child. Its foreign key is (tenant_id, document_id), so
 * the database itself cannot attach one tenant's comment to another tenant's document.
 */
@Entity
@Table(name = "document_comment")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(
        name = TenantDiscriminator.COLUMN,
        contextProperty = TenantDiscriminator.CONTEXT_PROPERTY,
        length = 63,
        primaryKey = true)
@PrimaryKey // composite: the tenant and the @Id (TenantDiscriminator says why not @IdClass)
public class Comment {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    // The document's key is (tenant_id, id); tenant_id is written by the discriminator.
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumns({
        @JoinColumn(name = "document_id", referencedColumnName = "id", nullable = false),
        @JoinColumn(
                name = TenantDiscriminator.COLUMN,
                referencedColumnName = TenantDiscriminator.COLUMN,
                insertable = false,
                updatable = false)
    })
    private Document document;

    @Column(name = "body", nullable = false, length = 10_000)
    private String text;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected Comment() {}

    public Comment(String id, Document document, String text, OffsetDateTime createdAt) {
        this.id = id;
        this.document = document;
        this.text = text;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public Document getDocument() {
        return document;
    }

    public String getText() {
        return text;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
