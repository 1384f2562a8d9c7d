-- In a placement that is a database of its own, before the tenant-owned tables: what their rows
-- refer to in the main database, kept here, because no foreign key and no transaction reaches
-- from one database into another.
--
-- tenant: one row per tenant placed in this database, written when the tenant is placed here
-- (registered, moved or restored) and deleted after its rows. The tenant-owned tables refer to it,
-- so a row cannot outlive its tenant here either, and the writes of a tenant's rows hold it while
-- its deletion waits for them, as they hold the registry row in the main database. placed_at: a
-- row that the registry no longer knows, older than a registration takes, is what an offboarding
-- interrupted between the two databases left; it is erased when the placement next comes up.
CREATE TABLE tenant (
    id        VARCHAR(63)              NOT NULL,
    placed_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT tenant_pk PRIMARY KEY (id)
);

-- document_count: each tenant's number of documents, kept in the transaction that writes its
-- documents, which here is a transaction of this database alone.
CREATE TABLE document_count (
    tenant_id VARCHAR(63) NOT NULL,
    documents BIGINT      NOT NULL,
    CONSTRAINT document_count_pk PRIMARY KEY (tenant_id),
    CONSTRAINT document_count_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);
