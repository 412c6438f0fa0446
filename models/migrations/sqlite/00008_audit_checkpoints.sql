-- Published checkpoints of the audit chain (models/checkpoint.go): the chain's head at a
-- moment (the entry's id and hash, the time recorded) signed with the portal's Ed25519
-- key. key_id names the key (the first 16 hex digits of the SHA-256 of its public key)
-- and public_key holds it (base64), so that keys can rotate and every row names its own.

-- +goose Up
CREATE TABLE audit_checkpoints (
    id integer PRIMARY KEY AUTOINCREMENT,
    entry_id integer NOT NULL,
    entry_hash text NOT NULL,
    recorded_at datetime NOT NULL,
    key_id text NOT NULL,
    public_key text NOT NULL,
    signature text NOT NULL
);
CREATE INDEX idx_audit_checkpoints_recorded_at ON audit_checkpoints(recorded_at);

-- +goose Down
DROP TABLE audit_checkpoints;
