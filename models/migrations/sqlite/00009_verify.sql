-- Checks of the public verification page (/verify), kept for the throttling window: each
-- check of a file or a SHA-256 is recorded, by client address, before the lookup, so that
-- every portal server counts the same checks (models/verify_throttle.go). Rows older than
-- the window leave as new ones come.

-- +goose Up
CREATE TABLE verification_checks (
    id integer PRIMARY KEY AUTOINCREMENT,
    ip text NOT NULL,
    at datetime NOT NULL
);
CREATE INDEX idx_verification_checks_ip_at ON verification_checks(ip,at);
CREATE INDEX idx_verification_checks_at ON verification_checks(at);

-- +goose Down
DROP TABLE verification_checks;
