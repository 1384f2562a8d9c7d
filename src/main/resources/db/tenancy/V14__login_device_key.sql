-- Secrets every node of a cluster must share, one row each, written once by the first node that
-- needs one and then only read: the key that signs login device cookies ('login-device-key'), so
-- that a cookie one node gave out is honoured by all behind a load balancer. Global (not
-- tenant-owned: no tenant_id, no row-level security); deleting the row revokes every device
-- cookie once the nodes restart.
CREATE TABLE tenancy_secret (
    key_name   VARCHAR(40)  NOT NULL,
    secret     VARCHAR(100) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT tenancy_secret_pk PRIMARY KEY (key_name)
);
