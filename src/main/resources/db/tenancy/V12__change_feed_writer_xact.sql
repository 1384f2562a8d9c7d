-- The transaction that wrote a feed row, on PostgreSQL (pg_current_xact_id(); NULL on H2). The
-- writer takes it before the row's id, so a node that misses an id waits until every transaction
-- that may hold it has ended (FeedCursor), however long an offboarding takes, instead of a fixed
-- time; and a row is pruned only once its writer ended long enough ago for every node to have read it.
ALTER TABLE tenancy_change ADD COLUMN writer_xact BIGINT;
