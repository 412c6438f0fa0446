-- Summaries the register keeps of itself, so that the public pages and the dashboard read
-- a few rows whatever the register's size (issue 21):
--   * parties.published and parties.signed_on copy the agreement's flag and signing day
--     onto each of its parties, so that "does this region have a published agreement"
--     (the map, the list's region filter) is one probe of an index, and a region's latest
--     published agreements are the first entries of one, instead of a walk through all
--     the region's agreements;
--   * agreement_counts holds how many agreements are in each state, published or not,
--     for the home page's figures and the dashboard's counts.
-- Triggers keep both, so every writer (any portal server, the derap command, an
-- operator's SQL) leaves them true in the same transaction as the change.

-- +goose Up
ALTER TABLE parties ADD COLUMN published numeric NOT NULL DEFAULT false;
ALTER TABLE parties ADD COLUMN signed_on datetime;
UPDATE parties SET (published, signed_on) =
    (SELECT agreements.published, agreements.signed_on FROM agreements WHERE agreements.id = parties.agreement_id);
CREATE INDEX idx_parties_region_published ON parties(region_code, published, signed_on, agreement_id);

-- A party's copies are its agreement's, whatever an insert or update says.
-- +goose StatementBegin
CREATE TRIGGER parties_published_insert AFTER INSERT ON parties BEGIN
    UPDATE parties SET (published, signed_on) =
        (SELECT coalesce(max(published), false), max(signed_on) FROM agreements WHERE id = new.agreement_id)
    WHERE id = new.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER parties_published_move AFTER UPDATE OF agreement_id, published, signed_on ON parties
WHEN new.published IS NOT coalesce((SELECT published FROM agreements WHERE id = new.agreement_id), false)
    OR new.signed_on IS NOT (SELECT signed_on FROM agreements WHERE id = new.agreement_id)
BEGIN
    UPDATE parties SET (published, signed_on) =
        (SELECT coalesce(max(published), false), max(signed_on) FROM agreements WHERE id = new.agreement_id)
    WHERE id = new.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER agreements_published_parties AFTER UPDATE OF published, signed_on ON agreements
WHEN old.published IS NOT new.published OR old.signed_on IS NOT new.signed_on
BEGIN
    UPDATE parties SET published = new.published, signed_on = new.signed_on WHERE agreement_id = new.id;
END;
-- +goose StatementEnd

CREATE TABLE agreement_counts (
    status text NOT NULL,
    published numeric NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (status, published)
);
INSERT INTO agreement_counts (status, published, n)
    SELECT status, published, count(*) FROM agreements GROUP BY status, published;

-- +goose StatementBegin
CREATE TRIGGER agreements_count_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO agreement_counts (status, published, n) VALUES (new.status, new.published, 1)
    ON CONFLICT (status, published) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER agreements_count_update AFTER UPDATE OF status, published ON agreements
WHEN old.status IS NOT new.status OR old.published IS NOT new.published
BEGIN
    UPDATE agreement_counts SET n = n - 1 WHERE status = old.status AND published = old.published;
    INSERT INTO agreement_counts (status, published, n) VALUES (new.status, new.published, 1)
    ON CONFLICT (status, published) DO UPDATE SET n = n + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER agreements_count_delete AFTER DELETE ON agreements BEGIN
    UPDATE agreement_counts SET n = n - 1 WHERE status = old.status AND published = old.published;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER agreements_count_delete;
DROP TRIGGER agreements_count_update;
DROP TRIGGER agreements_count_insert;
DROP TABLE agreement_counts;
DROP TRIGGER agreements_published_parties;
DROP TRIGGER parties_published_move;
DROP TRIGGER parties_published_insert;
DROP INDEX idx_parties_region_published;
ALTER TABLE parties DROP COLUMN signed_on;
ALTER TABLE parties DROP COLUMN published;
