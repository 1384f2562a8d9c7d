-- A page of the documents list, newest first, read from the index in its order: the fifty rows of
-- the page rather than every row of the tenant sorted. The tenant column descending too, and first
-- in the list's ORDER BY: H2 (2.2) takes an index for an ORDER BY only in that shape, where the
-- index it would choose for the tenant's condition sorts the same columns the other way. An index
-- only: rows of 14.2 have the shape of 14's.
CREATE INDEX document_tenant_newest_idx ON document (tenant_id DESC, created_at DESC, id);
