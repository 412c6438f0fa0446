-- The database's own record of change, and documents kept in the database. Several portal
-- servers and the derap command share one database: data_versions is bumped in the same
-- transaction as every write that may change a page, and every server keys its page
-- caches by it; documents live in the database so that every server reaches them and a
-- backup of the database holds them all.

-- +goose Up
CREATE TABLE data_versions (
    id integer PRIMARY KEY CHECK (id = 1),
    public_version integer NOT NULL DEFAULT 0,
    content_version integer NOT NULL DEFAULT 0
);
INSERT INTO data_versions (id, public_version, content_version) VALUES (1, 0, 0);

CREATE TABLE document_contents (
    sha256 text PRIMARY KEY,
    size integer NOT NULL
);

CREATE TABLE document_chunks (
    sha256 text NOT NULL REFERENCES document_contents(sha256) ON DELETE CASCADE,
    seq integer NOT NULL,
    data blob NOT NULL,
    PRIMARY KEY (sha256, seq)
);

-- +goose Down
DROP TABLE document_chunks;
DROP TABLE document_contents;
DROP TABLE data_versions;
