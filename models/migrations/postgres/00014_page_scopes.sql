-- Which public pages each change can have touched (issue 21). Every write that may change
-- a page visitors see moves data_versions.public_version on; most of them (an event, a
-- document, the bureau's contact) may change any page, but publishing or unpublishing an
-- agreement changes only the pages that list or show it: the lists, home and the map,
-- the agreement's own page (and its parent's and its implementing agreements'), and its
-- parties' region pages. The write records, in its own transaction, the public version it
-- made against each scope it touched ('agreement:ID', 'region:CODE', or '*' for any
-- page), one row per scope holding the latest. A portal server reads the rows newer than
-- the version it last saw whenever that version moves, and keeps a visitor's agreement or
-- region page across changes whose scopes it is not in.

-- +goose Up
CREATE TABLE page_scopes (
    scope text PRIMARY KEY,
    version bigint NOT NULL
);
CREATE INDEX idx_page_scopes_version ON page_scopes(version);

-- +goose Down
DROP TABLE page_scopes;
