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
ALTER TABLE parties ADD COLUMN published boolean NOT NULL DEFAULT false;
ALTER TABLE parties ADD COLUMN signed_on timestamptz;
UPDATE parties SET published = agreements.published, signed_on = agreements.signed_on
    FROM agreements WHERE agreements.id = parties.agreement_id;
CREATE INDEX idx_parties_region_published ON parties(region_code, published, signed_on, agreement_id);

-- A party's copies are its agreement's, whatever an insert or update says.
-- +goose StatementBegin
CREATE FUNCTION parties_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT coalesce(bool_or(published), false), max(signed_on) INTO NEW.published, NEW.signed_on
        FROM agreements WHERE id = NEW.agreement_id;
    RETURN NEW;
END $$;
-- +goose StatementEnd
CREATE TRIGGER parties_published BEFORE INSERT OR UPDATE OF agreement_id, published, signed_on ON parties
    FOR EACH ROW EXECUTE FUNCTION parties_published();

-- +goose StatementBegin
CREATE FUNCTION agreements_published_parties() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE parties SET published = NEW.published, signed_on = NEW.signed_on WHERE agreement_id = NEW.id;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER agreements_published_parties AFTER UPDATE OF published, signed_on ON agreements
    FOR EACH ROW WHEN (OLD.published IS DISTINCT FROM NEW.published OR OLD.signed_on IS DISTINCT FROM NEW.signed_on)
    EXECUTE FUNCTION agreements_published_parties();

CREATE TABLE agreement_counts (
    status text NOT NULL,
    published boolean NOT NULL,
    n bigint NOT NULL,
    PRIMARY KEY (status, published)
);
INSERT INTO agreement_counts (status, published, n)
    SELECT status, published, count(*) FROM agreements GROUP BY status, published;

-- A change of state takes one from the old row and adds one to the new. The counts are
-- the few rows every lifecycle step writes, so they are written last: the triggers are
-- deferred to the commit, after the audit chain's lock and the data versions' row that
-- every such step takes, so no step holds a count while it waits for those (two steps
-- that took them in opposite orders would deadlock). The two rows are locked in the order
-- of their keys, so that two changes in opposite directions (one agreement published
-- while another is unpublished) never wait for each other's rows either.
-- +goose StatementBegin
CREATE FUNCTION agreements_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO agreement_counts AS c (status, published, n) VALUES (NEW.status, NEW.published, 1)
        ON CONFLICT (status, published) DO UPDATE SET n = c.n + 1;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE agreement_counts SET n = n - 1 WHERE status = OLD.status AND published = OLD.published;
    ELSIF (NEW.status, NEW.published) < (OLD.status, OLD.published) THEN
        INSERT INTO agreement_counts AS c (status, published, n) VALUES (NEW.status, NEW.published, 1)
        ON CONFLICT (status, published) DO UPDATE SET n = c.n + 1;
        UPDATE agreement_counts SET n = n - 1 WHERE status = OLD.status AND published = OLD.published;
    ELSE
        UPDATE agreement_counts SET n = n - 1 WHERE status = OLD.status AND published = OLD.published;
        INSERT INTO agreement_counts AS c (status, published, n) VALUES (NEW.status, NEW.published, 1)
        ON CONFLICT (status, published) DO UPDATE SET n = c.n + 1;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE CONSTRAINT TRIGGER agreements_count AFTER INSERT OR DELETE ON agreements
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION agreements_count();
CREATE CONSTRAINT TRIGGER agreements_count_change AFTER UPDATE OF status, published ON agreements
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.published IS DISTINCT FROM NEW.published)
    EXECUTE FUNCTION agreements_count();

-- +goose Down
DROP TRIGGER agreements_count_change ON agreements;
DROP TRIGGER agreements_count ON agreements;
DROP FUNCTION agreements_count();
DROP TABLE agreement_counts;
DROP TRIGGER agreements_published_parties ON agreements;
DROP FUNCTION agreements_published_parties();
DROP TRIGGER parties_published ON parties;
DROP FUNCTION parties_published();
DROP INDEX idx_parties_region_published;
ALTER TABLE parties DROP COLUMN signed_on;
ALTER TABLE parties DROP COLUMN published;
