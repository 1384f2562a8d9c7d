-- Tenant users: tenant-owned, a username is unique within its tenant only.
CREATE TABLE tenant_user (
    tenant_id     VARCHAR(63)   NOT NULL,
    username      VARCHAR(100)  NOT NULL,
    password_hash VARCHAR(500)  NOT NULL,
    roles         VARCHAR(1000) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT tenant_user_pk PRIMARY KEY (tenant_id, username),
    CONSTRAINT tenant_user_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id)
);

-- The audit log: global and append-only; it outlives the tenants it speaks of (no foreign key).
CREATE TABLE audit_log (
    id             VARCHAR(36)   NOT NULL,
    at             TIMESTAMP WITH TIME ZONE NOT NULL,
    tenant_id      VARCHAR(63),
    event          VARCHAR(40)   NOT NULL,
    actor          VARCHAR(200)  NOT NULL,
    remote_address VARCHAR(100)  NOT NULL,
    detail         VARCHAR(2000) NOT NULL,
    CONSTRAINT audit_log_pk PRIMARY KEY (id)
);

CREATE INDEX audit_log_tenant_at_idx ON audit_log (tenant_id, at);
CREATE INDEX audit_log_event_at_idx ON audit_log (event, at);
