-- Where an audited change came from: the admin REST API ('api'), the admin console ('console'), or
-- the application itself ('system'). Earlier entries came from the API or the application; 'api'
-- is the nearer guess for them, and the default keeps older nodes of a rolling update writing.
ALTER TABLE audit_log ADD COLUMN channel VARCHAR(20) DEFAULT 'api' NOT NULL;

CREATE INDEX audit_log_at_idx ON audit_log (at);
