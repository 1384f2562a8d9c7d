-- The one index that does not lead with tenant_id: a request for a document id that is not the
-- tenant's is answered 404 and audited with the row's real owner (CrossTenantAccess.ownerOf),
-- which looks the id up across tenants. Without it, every such 404 scanned the whole table.
CREATE INDEX document_id_idx ON document (id);
