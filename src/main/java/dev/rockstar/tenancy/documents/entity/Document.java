package dev.rockstar.tenancy.documents.entity;

import dev.rockstar.tenancy.TenantDiscriminator;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.PrimaryKey;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A document of the reference feature: tenant-owned, so every query, find, update and delete is confined to the
 * tenant of the {@code EntityManager}. Ids are random, so one tenant cannot infer from its own
 * ids how much another tenant writes.
 */
@Entity
@Table(name = "document")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(
        name = TenantDiscriminator.COLUMN,
        contextProperty = TenantDiscriminator.CONTEXT_PROPERTY,
        length = 63,
        primaryKey = true)
@PrimaryKey // composite: the tenant and the @Id (TenantDiscriminator says why not @IdClass)
public class Document {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    /** Unique within a tenant, like a wiki page's title; two tenants may use the same one. */
    @Column(name = "title", nullable = false, length = 200)
    private String title;

    @Column(name = "content", nullable = false, length = 100_000)
    private String content;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @OneToMany(mappedBy = "document")
    @OrderBy("createdAt")
    private List<Comment> comments = new ArrayList<>();

    protected Document() {}

    public Document(String id, String title, String content, OffsetDateTime createdAt) {
        this.id = id;
        this.title = title;
        this.content = content;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getContent() {
        return content;
    }

    public void setContent(String content) {
        this.content = content;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public List<Comment> getComments() {
        return comments;
    }
}
