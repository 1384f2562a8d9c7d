-- Tenant-owned tables: every key and index leads with tenant_id, ready to distribute by tenant.
CREATE TABLE document (
    tenant_id  VARCHAR(63)     NOT NULL,
    id         VARCHAR(36)     NOT NULL,
    title      VARCHAR(200)    NOT NULL,
    content    VARCHAR(100000) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT document_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT document_title_uq UNIQUE (tenant_id, title),
    -- No cascade: offboarding deletes a tenant's rows itself, and a forgotten table stops it.
    CONSTRAINT document_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id)
);

CREATE INDEX document_tenant_created_idx ON document (tenant_id, created_at, id);

CREATE TABLE document_comment (
    tenant_id   VARCHAR(63)    NOT NULL,
    id          VARCHAR(36)    NOT NULL,
    document_id VARCHAR(36)    NOT NULL,
    body        VARCHAR(10000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT document_comment_pk PRIMARY KEY (tenant_id, id),
    -- The tenant is part of the reference: a comment can only belong to its own tenant's document.
    CONSTRAINT document_comment_document_fk FOREIGN KEY (tenant_id, document_id)
        REFERENCES document (tenant_id, id) ON DELETE CASCADE
);

CREATE INDEX document_comment_document_idx ON document_comment (tenant_id, document_id, created_at);
