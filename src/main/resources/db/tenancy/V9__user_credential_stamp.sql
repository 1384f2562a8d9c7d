-- A tenant user's credential stamp: a new random value whenever the password is reset (a
-- re-created user gets one of its own), recorded in each session at login and compared on every
-- request, so that a session ends with the credentials it was opened with. Rows from before have
-- none (NULL) until their next reset; a session compares that as it is.
ALTER TABLE tenant_user ADD COLUMN credential_stamp VARCHAR(36);
