package dev.rockstar.tenancy.documents.entity;

import dev.rockstar.tenancy.GlobalEntity;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * How many documents a tenant has, kept in the transaction of each creation and deletion: what
 * the console's dashboard reads instead of counting every document. Global like the registry it
 * belongs to (operators read it across tenants; no tenant's query reads it), never cached, as
 * every node changes it.
 */
@Entity
@Table(name = "document_count")
@GlobalEntity
@Cacheable(false)
public class DocumentCount {

    @Id
    @Column(name = "tenant_id", length = 63)
    private String tenantId;

    @Column(name = "documents", nullable = false)
    private long documents;

    protected DocumentCount() {}

    public DocumentCount(String tenantId, long documents) {
        this.tenantId = tenantId;
        this.documents = documents;
    }

    public String getTenantId() {
        return tenantId;
    }

    public long getDocuments() {
        return documents;
    }
}
