-- The framework's tenant-owned tables in a schema placement, as the main schema has them at its
-- version 14 (V2, V3, V5, V9 there). In the main schema ('shared') this set starts after this
-- version: those migrations made the same tables. Its versions go on from 14 so that a tenant
-- archive's schema version names the same shape of rows wherever it came from.
--
-- The references to the registry point to the main schema's tenant table: a schema placement is
-- a schema of the same database, so a row still cannot outlive its tenant. (A placement that is a
-- database of its own cannot have them.)
CREATE TABLE document (
    tenant_id  VARCHAR(63)     NOT NULL,
    id         VARCHAR(36)     NOT NULL,
    title      VARCHAR(200)    NOT NULL,
    content    VARCHAR(100000) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT document_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT document_title_uq UNIQUE (tenant_id, title),
    CONSTRAINT document_tenant_fk FOREIGN KEY (tenant_id) REFERENCES "${tenancy_main_schema}".tenant (id)
);

CREATE INDEX document_tenant_created_idx ON document (tenant_id, created_at, id);
CREATE INDEX document_id_idx ON document (id);

CREATE TABLE document_comment (
    tenant_id   VARCHAR(63)    NOT NULL,
    id          VARCHAR(36)    NOT NULL,
    document_id VARCHAR(36)    NOT NULL,
    body        VARCHAR(10000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT document_comment_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT document_comment_document_fk FOREIGN KEY (tenant_id, document_id)
        REFERENCES document (tenant_id, id) ON DELETE CASCADE
);

CREATE INDEX document_comment_document_idx ON document_comment (tenant_id, document_id, created_at);

CREATE TABLE tenant_user (
    tenant_id        VARCHAR(63)   NOT NULL,
    username         VARCHAR(100)  NOT NULL,
    password_hash    VARCHAR(500)  NOT NULL,
    roles            VARCHAR(1000) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    credential_stamp VARCHAR(36),
    CONSTRAINT tenant_user_pk PRIMARY KEY (tenant_id, username),
    CONSTRAINT tenant_user_tenant_fk FOREIGN KEY (tenant_id) REFERENCES "${tenancy_main_schema}".tenant (id)
);
