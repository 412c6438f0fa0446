-- A cheaper confirmation (issue 21): sign_offs(actor_id) is the first column of
-- idx_sign_offs_actor_decided, which serves every lookup by actor, so the single-column
-- index was one more write per sign-off for nothing. (SQLite's half of this migration also
-- narrows its full-text trigger; PostgreSQL's search index has no trigger of that kind.)

-- +goose Up
DROP INDEX idx_sign_offs_actor_id;

-- +goose Down
CREATE INDEX idx_sign_offs_actor_id ON sign_offs(actor_id);
