-- Each tenant's number of documents, kept in the transaction of every creation and deletion
-- (Documents), so that the console's dashboard reads one row per tenant instead of counting every
-- document on each load. Bookkeeping of the operators, like the registry it hangs off: global, read
-- only across tenants, never by a tenant's own queries; it goes with its tenant (cascade).
CREATE TABLE document_count (
    tenant_id VARCHAR(63) NOT NULL,
    documents BIGINT      NOT NULL,
    CONSTRAINT document_count_pk PRIMARY KEY (tenant_id),
    CONSTRAINT document_count_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

INSERT INTO document_count (tenant_id, documents)
    SELECT tenant_id, COUNT(*) FROM document GROUP BY tenant_id;
