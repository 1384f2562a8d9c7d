-- Repeats of one event from one source within a window are one entry with a count (AuditLog).
ALTER TABLE audit_log ADD COLUMN repeat_count INTEGER DEFAULT 1 NOT NULL;
