-- Full-text search. search_documents holds one row per searchable thing (a published or
-- draft agreement, a region, an event): what a result shows (title, detail, body, as
-- written) and the same text folded for matching (lower case, diacritics removed, region
-- codes and common abbreviations spelled out: models/search_text.go). boost raises what
-- the programme is about among equal matches: its partner regions. The short columns come
-- first, so that ranking reads a row without reading its long texts. search_index is the
-- FTS5 index over the folded columns, kept in step with search_documents by the triggers
-- below.
--
-- The index lives in the database so that every portal server sees a change at once, and
-- it changes in the same transaction as the write that causes it: the triggers on the
-- source tables note which things' text may have changed in search_stale, and every write
-- transaction of the portal rebuilds those rows before it commits (models/search_index.go).
-- The triggers fire only when a column the search reads changes, so that a party's
-- confirmation, which changes no searchable text, costs nothing here.
--
-- Requires SQLite built with FTS5 (the build tag sqlite_fts5).

-- +goose Up
CREATE TABLE search_documents (
    id integer PRIMARY KEY AUTOINCREMENT,
    kind text NOT NULL,
    object_key text NOT NULL,
    public numeric NOT NULL,
    status text NOT NULL DEFAULT '',
    boost real NOT NULL DEFAULT 1,
    day datetime,
    title text NOT NULL,
    detail text NOT NULL DEFAULT '',
    body text NOT NULL DEFAULT '',
    title_terms text NOT NULL DEFAULT '',
    key_terms text NOT NULL DEFAULT '',
    body_terms text NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX idx_search_documents_object ON search_documents(kind, object_key);

CREATE VIRTUAL TABLE search_index USING fts5(
    title_terms, key_terms, body_terms,
    content='search_documents', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);

-- +goose StatementBegin
CREATE TRIGGER search_documents_insert AFTER INSERT ON search_documents BEGIN
    INSERT INTO search_index(rowid, title_terms, key_terms, body_terms)
    VALUES (new.id, new.title_terms, new.key_terms, new.body_terms);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_documents_delete AFTER DELETE ON search_documents BEGIN
    INSERT INTO search_index(search_index, rowid, title_terms, key_terms, body_terms)
    VALUES ('delete', old.id, old.title_terms, old.key_terms, old.body_terms);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_documents_update AFTER UPDATE ON search_documents BEGIN
    INSERT INTO search_index(search_index, rowid, title_terms, key_terms, body_terms)
    VALUES ('delete', old.id, old.title_terms, old.key_terms, old.body_terms);
    INSERT INTO search_index(rowid, title_terms, key_terms, body_terms)
    VALUES (new.id, new.title_terms, new.key_terms, new.body_terms);
END;
-- +goose StatementEnd

CREATE TABLE search_stale (
    kind text NOT NULL,
    object_key text NOT NULL,
    PRIMARY KEY (kind, object_key)
);

-- Agreements: their own text, their parties (regions, numbers, signatories), sectors.
-- +goose StatementBegin
CREATE TRIGGER agreements_search_insert AFTER INSERT ON agreements BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('agreement', new.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER agreements_search_update AFTER UPDATE ON agreements
WHEN old.number IS NOT new.number OR old.title IS NOT new.title OR old.short_title IS NOT new.short_title
    OR old.scope IS NOT new.scope OR old.summary IS NOT new.summary OR old.status IS NOT new.status
    OR old.published IS NOT new.published OR old.signed_on IS NOT new.signed_on OR old.doc_type IS NOT new.doc_type
    OR old.signed_place IS NOT new.signed_place
BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('agreement', new.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER agreements_search_delete AFTER DELETE ON agreements BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('agreement', old.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER parties_search_insert AFTER INSERT ON parties BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('agreement', new.agreement_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER parties_search_update AFTER UPDATE ON parties
WHEN old.agreement_id IS NOT new.agreement_id OR old.region_code IS NOT new.region_code
    OR old.document_number IS NOT new.document_number OR old.own_number IS NOT new.own_number
    OR old.signatory_name IS NOT new.signatory_name OR old.signatory_position IS NOT new.signatory_position
BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('agreement', old.agreement_id);
    INSERT OR IGNORE INTO search_stale VALUES ('agreement', new.agreement_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER parties_search_delete AFTER DELETE ON parties BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('agreement', old.agreement_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER agreement_sectors_search_insert AFTER INSERT ON agreement_sectors BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('agreement', new.agreement_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER agreement_sectors_search_delete AFTER DELETE ON agreement_sectors BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('agreement', old.agreement_id);
END;
-- +goose StatementEnd

-- Regions: the reference data and the partner profile; a region's name is also in the
-- text of its agreements and of the events it took part in.
-- +goose StatementBegin
CREATE TRIGGER regions_search_insert AFTER INSERT ON regions BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('region', new.code);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER regions_search_update AFTER UPDATE ON regions
WHEN old.name IS NOT new.name OR old.kind IS NOT new.kind OR old.province_code IS NOT new.province_code
    OR old.partner IS NOT new.partner
BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('region', new.code);
    INSERT OR IGNORE INTO search_stale SELECT 'region', code FROM regions WHERE province_code = new.code;
    INSERT OR IGNORE INTO search_stale SELECT 'agreement', agreement_id FROM parties WHERE region_code = new.code;
    INSERT OR IGNORE INTO search_stale SELECT 'event', event_id FROM event_participants WHERE region_code = new.code;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER regions_search_delete AFTER DELETE ON regions BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('region', old.code);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER region_profiles_search_insert AFTER INSERT ON region_profiles BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('region', new.region_code);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER region_profiles_search_update AFTER UPDATE ON region_profiles
WHEN old.summary IS NOT new.summary OR old.commodities IS NOT new.commodities OR old.contact_office IS NOT new.contact_office
BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('region', new.region_code);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER region_profiles_search_delete AFTER DELETE ON region_profiles BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('region', old.region_code);
END;
-- +goose StatementEnd

-- Events: their own text, speakers and participating regions.
-- +goose StatementBegin
CREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('event', new.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER events_search_update AFTER UPDATE ON events
WHEN old.title IS NOT new.title OR old.place IS NOT new.place OR old.organiser IS NOT new.organiser
    OR old.summary IS NOT new.summary OR old.minutes IS NOT new.minutes OR old.starts_at IS NOT new.starts_at
BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('event', new.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER events_search_delete AFTER DELETE ON events BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('event', old.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER event_speakers_search_insert AFTER INSERT ON event_speakers BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('event', new.event_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER event_speakers_search_update AFTER UPDATE ON event_speakers BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('event', old.event_id);
    INSERT OR IGNORE INTO search_stale VALUES ('event', new.event_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER event_speakers_search_delete AFTER DELETE ON event_speakers BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('event', old.event_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER event_participants_search_insert AFTER INSERT ON event_participants BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('event', new.event_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER event_participants_search_delete AFTER DELETE ON event_participants BEGIN
    INSERT OR IGNORE INTO search_stale VALUES ('event', old.event_id);
END;
-- +goose StatementEnd

-- What the database already holds is indexed by the first write after this migration
-- (the portal's migrate command makes one).
INSERT INTO search_stale SELECT 'agreement', id FROM agreements;
INSERT INTO search_stale SELECT 'region', code FROM regions;
INSERT INTO search_stale SELECT 'event', id FROM events;

-- +goose Down
DROP TRIGGER event_participants_search_delete;
DROP TRIGGER event_participants_search_insert;
DROP TRIGGER event_speakers_search_delete;
DROP TRIGGER event_speakers_search_update;
DROP TRIGGER event_speakers_search_insert;
DROP TRIGGER events_search_delete;
DROP TRIGGER events_search_update;
DROP TRIGGER events_search_insert;
DROP TRIGGER region_profiles_search_delete;
DROP TRIGGER region_profiles_search_update;
DROP TRIGGER region_profiles_search_insert;
DROP TRIGGER regions_search_delete;
DROP TRIGGER regions_search_update;
DROP TRIGGER regions_search_insert;
DROP TRIGGER agreement_sectors_search_delete;
DROP TRIGGER agreement_sectors_search_insert;
DROP TRIGGER parties_search_delete;
DROP TRIGGER parties_search_update;
DROP TRIGGER parties_search_insert;
DROP TRIGGER agreements_search_delete;
DROP TRIGGER agreements_search_update;
DROP TRIGGER agreements_search_insert;
DROP TABLE search_stale;
DROP TABLE search_index;
DROP TABLE search_documents;
