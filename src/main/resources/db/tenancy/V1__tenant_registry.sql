-- The tenant registry: global tables, read by every node at start.
CREATE TABLE tenant (
    id          VARCHAR(63)    NOT NULL,
    name        VARCHAR(200)   NOT NULL,
    status      VARCHAR(16)    NOT NULL,
    config      VARCHAR(16000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    row_version BIGINT         NOT NULL,
    CONSTRAINT tenant_pk PRIMARY KEY (id)
);

-- A host is the primary key: no two tenants can own one host, whatever races the application loses.
CREATE TABLE tenant_host (
    host      VARCHAR(253) NOT NULL,
    tenant_id VARCHAR(63)  NOT NULL,
    CONSTRAINT tenant_host_pk PRIMARY KEY (host),
    CONSTRAINT tenant_host_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

CREATE INDEX tenant_host_tenant_idx ON tenant_host (tenant_id);
