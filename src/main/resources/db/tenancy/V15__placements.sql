-- Placements: where each tenant's rows live. 'shared' is the tenant-owned tables of this schema;
-- any other name is a schema placement declared at deployment (tenancy.placements), a schema of
-- this database with tenant-owned tables of its own (migration set db/tenancy-placement).
ALTER TABLE tenant ADD COLUMN placement VARCHAR(63) DEFAULT 'shared' NOT NULL;
-- The move under way, if any: while it is set the tenant's status and placement belong to the
-- move, and operators' changes of either are refused.
ALTER TABLE tenant ADD COLUMN move_id VARCHAR(36);

-- Moves of a tenant between placements: a recorded state machine, so that any node can take over
-- a move whose mover died (its lease ran out) and go on from the last step it recorded.
CREATE TABLE tenancy_move (
    id              VARCHAR(36)   NOT NULL,
    tenant_id       VARCHAR(63)   NOT NULL,
    source          VARCHAR(63)   NOT NULL,
    target          VARCHAR(63)   NOT NULL,
    state           VARCHAR(20)   NOT NULL,
    previous_status VARCHAR(16)   NOT NULL,
    -- the tenant while the move is under way, NULL once it ended: one move per tenant at a time
    active_tenant   VARCHAR(63),
    lease_owner     VARCHAR(64),
    lease_until     TIMESTAMP WITH TIME ZONE,
    rows_copied     BIGINT,
    detail          VARCHAR(2000),
    actor           VARCHAR(200)  NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    frozen_at       TIMESTAMP WITH TIME ZONE,
    thawed_at       TIMESTAMP WITH TIME ZONE,
    finished_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT tenancy_move_pk PRIMARY KEY (id),
    CONSTRAINT tenancy_move_active_uq UNIQUE (active_tenant)
);

CREATE INDEX tenancy_move_tenant_idx ON tenancy_move (tenant_id, started_at);

-- How far each node has read the change feed, written with its heartbeat: a move waits until
-- every live node has read the change that froze the tenant (and the one that switched it).
ALTER TABLE tenancy_node ADD COLUMN feed_position BIGINT;
