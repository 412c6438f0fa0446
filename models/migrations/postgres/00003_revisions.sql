-- Revisions for optimistic concurrency. A form or an action button carries the revision
-- of the record it was loaded at; a save or an action on a record that has moved on since
-- is refused instead of silently overwriting someone else's change. Every write to one of
-- these records moves its revision on in the same transaction.

-- +goose Up
ALTER TABLE agreements ADD COLUMN revision integer NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN revision integer NOT NULL DEFAULT 1;
ALTER TABLE region_profiles ADD COLUMN revision integer NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN revision integer NOT NULL DEFAULT 1;

-- +goose Down
ALTER TABLE users DROP COLUMN revision;
ALTER TABLE region_profiles DROP COLUMN revision;
ALTER TABLE events DROP COLUMN revision;
ALTER TABLE agreements DROP COLUMN revision;
