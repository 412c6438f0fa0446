-- The schema of the release of 26 November 2026, which GORM's AutoMigrate made. Every
-- statement is IF NOT EXISTS, so that a database that release made is adopted as it is:
-- this migration then changes nothing and records version 1 (models/migrate.go checks the
-- adopted schema against a fresh one). Never edit this file: add a new migration.

-- +goose Up
CREATE TABLE IF NOT EXISTS settings (
    "key" text,
    value text NOT NULL,
    PRIMARY KEY ("key")
);

CREATE TABLE IF NOT EXISTS regions (
    code text,
    name text NOT NULL,
    kind text NOT NULL,
    province_code text NOT NULL,
    partner numeric NOT NULL,
    PRIMARY KEY (code)
);
CREATE INDEX IF NOT EXISTS idx_regions_partner ON regions(partner);
CREATE INDEX IF NOT EXISTS idx_regions_province_code ON regions(province_code);
CREATE INDEX IF NOT EXISTS idx_regions_kind ON regions(kind);
CREATE INDEX IF NOT EXISTS idx_regions_name ON regions(name);

CREATE TABLE IF NOT EXISTS region_profiles (
    region_code text,
    summary text NOT NULL DEFAULT '',
    contact_office text NOT NULL DEFAULT '',
    contact_address text NOT NULL DEFAULT '',
    contact_phone text NOT NULL DEFAULT '',
    contact_email text NOT NULL DEFAULT '',
    commodities text NOT NULL DEFAULT '',
    latitude real,
    longitude real,
    updated_at datetime,
    PRIMARY KEY (region_code),
    CONSTRAINT fk_regions_profile FOREIGN KEY (region_code) REFERENCES regions(code)
);

CREATE TABLE IF NOT EXISTS events (
    id integer PRIMARY KEY AUTOINCREMENT,
    title text NOT NULL,
    starts_at datetime NOT NULL,
    ends_at datetime NOT NULL,
    all_day numeric NOT NULL,
    place text NOT NULL DEFAULT '',
    organiser text NOT NULL DEFAULT '',
    summary text NOT NULL DEFAULT '',
    minutes text NOT NULL DEFAULT '',
    created_at datetime,
    updated_at datetime
);
CREATE INDEX IF NOT EXISTS idx_events_starts_at ON events(starts_at);

CREATE TABLE IF NOT EXISTS event_speakers (
    id integer PRIMARY KEY AUTOINCREMENT,
    event_id integer NOT NULL,
    position integer NOT NULL,
    name text NOT NULL,
    role text NOT NULL DEFAULT '',
    organisation text NOT NULL DEFAULT '',
    CONSTRAINT fk_events_speakers FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS idx_event_speakers_event_id ON event_speakers(event_id);

CREATE TABLE IF NOT EXISTS event_participants (
    event_id integer,
    region_code text,
    PRIMARY KEY (event_id,region_code),
    CONSTRAINT fk_event_participants_region FOREIGN KEY (region_code) REFERENCES regions(code),
    CONSTRAINT fk_events_participants FOREIGN KEY (event_id) REFERENCES events(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS idx_event_participants_region_code ON event_participants(region_code);

CREATE TABLE IF NOT EXISTS agreements (
    id integer PRIMARY KEY AUTOINCREMENT,
    number text NOT NULL DEFAULT '',
    title text NOT NULL,
    doc_type text NOT NULL,
    parent_id integer,
    kind text NOT NULL,
    scope text NOT NULL DEFAULT '',
    summary text NOT NULL DEFAULT '',
    start_date datetime NOT NULL,
    end_date datetime NOT NULL,
    funding_note text NOT NULL DEFAULT '',
    status text NOT NULL,
    current_version_id integer,
    signed_on datetime,
    signed_place text NOT NULL DEFAULT '',
    event_id integer,
    published numeric NOT NULL,
    published_at datetime,
    terminated_on datetime,
    termination_reason text NOT NULL DEFAULT '',
    created_at datetime,
    updated_at datetime,
    CONSTRAINT fk_events_agreements FOREIGN KEY (event_id) REFERENCES events(id),
    CONSTRAINT fk_agreements_parent FOREIGN KEY (parent_id) REFERENCES agreements(id)
);
CREATE INDEX IF NOT EXISTS idx_agreements_published ON agreements(published);
CREATE INDEX IF NOT EXISTS idx_agreements_event_id ON agreements(event_id);
CREATE INDEX IF NOT EXISTS idx_agreements_published_signed ON agreements(published,signed_on);
CREATE INDEX IF NOT EXISTS idx_agreements_signed_on ON agreements(signed_on);
CREATE INDEX IF NOT EXISTS idx_agreements_status_version ON agreements(status,current_version_id);
CREATE INDEX IF NOT EXISTS idx_agreements_status ON agreements(status);
CREATE INDEX IF NOT EXISTS idx_agreements_status_end ON agreements(status,end_date);
CREATE INDEX IF NOT EXISTS idx_agreements_parent_id ON agreements(parent_id);
CREATE INDEX IF NOT EXISTS idx_agreements_doc_type ON agreements(doc_type);

CREATE TABLE IF NOT EXISTS agreement_sectors (
    agreement_id integer,
    sector text,
    PRIMARY KEY (agreement_id,sector),
    CONSTRAINT fk_agreements_sectors FOREIGN KEY (agreement_id) REFERENCES agreements(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS idx_agreement_sectors_sector ON agreement_sectors(sector,agreement_id);

CREATE TABLE IF NOT EXISTS parties (
    id integer PRIMARY KEY AUTOINCREMENT,
    agreement_id integer NOT NULL,
    region_code text NOT NULL,
    position integer NOT NULL,
    document_number text NOT NULL DEFAULT '',
    signatory_name text NOT NULL DEFAULT '',
    signatory_position text NOT NULL DEFAULT '',
    authority text NOT NULL,
    status text NOT NULL DEFAULT 'pending',
    decided_at datetime,
    decided_by_id integer,
    note text NOT NULL DEFAULT '',
    confirmed_hash text NOT NULL DEFAULT '',
    CONSTRAINT fk_parties_region FOREIGN KEY (region_code) REFERENCES regions(code),
    CONSTRAINT fk_agreements_parties FOREIGN KEY (agreement_id) REFERENCES agreements(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS idx_parties_status_decided ON parties(status,decided_at);
CREATE INDEX IF NOT EXISTS idx_parties_region_status ON parties(region_code,status);
CREATE INDEX IF NOT EXISTS idx_parties_region_code ON parties(region_code);
CREATE UNIQUE INDEX IF NOT EXISTS idx_parties_agreement_position ON parties(agreement_id,position);
CREATE UNIQUE INDEX IF NOT EXISTS idx_parties_agreement_region ON parties(agreement_id,region_code);

CREATE TABLE IF NOT EXISTS agreement_versions (
    id integer PRIMARY KEY AUTOINCREMENT,
    agreement_id integer NOT NULL,
    number integer NOT NULL,
    content text NOT NULL,
    content_hash text NOT NULL,
    created_at datetime
);
CREATE INDEX IF NOT EXISTS idx_agreement_versions_content_hash ON agreement_versions(content_hash);
CREATE UNIQUE INDEX IF NOT EXISTS idx_versions_agreement_number ON agreement_versions(agreement_id,number);

CREATE TABLE IF NOT EXISTS sign_offs (
    id integer PRIMARY KEY AUTOINCREMENT,
    agreement_id integer NOT NULL,
    party_id integer NOT NULL,
    region_code text NOT NULL,
    version_id integer NOT NULL,
    decision text NOT NULL,
    decided_at datetime NOT NULL,
    note text NOT NULL DEFAULT '',
    content_hash text NOT NULL,
    actor_id integer,
    actor_name text NOT NULL DEFAULT '',
    ip text NOT NULL DEFAULT '',
    user_agent text NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS idx_sign_offs_actor_id ON sign_offs(actor_id);
CREATE INDEX IF NOT EXISTS idx_sign_offs_actor_decided ON sign_offs(actor_id,decided_at);
CREATE INDEX IF NOT EXISTS idx_sign_offs_region_code ON sign_offs(region_code);
CREATE UNIQUE INDEX IF NOT EXISTS idx_sign_offs_party_version ON sign_offs(party_id,version_id);
CREATE INDEX IF NOT EXISTS idx_sign_offs_agreement_id ON sign_offs(agreement_id);

CREATE TABLE IF NOT EXISTS users (
    id integer PRIMARY KEY AUTOINCREMENT,
    email text NOT NULL,
    name text NOT NULL,
    role text NOT NULL,
    region_code text,
    active numeric NOT NULL,
    password_hash text NOT NULL DEFAULT '',
    last_login_at datetime,
    created_at datetime,
    updated_at datetime,
    CONSTRAINT fk_users_region FOREIGN KEY (region_code) REFERENCES regions(code)
);
CREATE INDEX IF NOT EXISTS idx_users_region_code ON users(region_code);
CREATE UNIQUE INDEX IF NOT EXISTS idx_users_email ON users(email);

CREATE TABLE IF NOT EXISTS invitations (
    id integer PRIMARY KEY AUTOINCREMENT,
    user_id integer NOT NULL,
    token_hash text NOT NULL,
    expires_at datetime NOT NULL,
    used_at datetime,
    created_at datetime
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_invitations_token_hash ON invitations(token_hash);
CREATE INDEX IF NOT EXISTS idx_invitations_user_id ON invitations(user_id);

CREATE TABLE IF NOT EXISTS login_failures (
    id integer PRIMARY KEY AUTOINCREMENT,
    email text NOT NULL,
    ip text NOT NULL,
    at datetime NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_login_failures_at ON login_failures(at);
CREATE INDEX IF NOT EXISTS idx_login_failures_ip_at ON login_failures(ip,at);
CREATE INDEX IF NOT EXISTS idx_login_failures_email_at ON login_failures(email,at);

CREATE TABLE IF NOT EXISTS sessions (
    id text,
    user_id integer NOT NULL,
    data blob,
    created_at datetime NOT NULL,
    last_seen_at datetime NOT NULL,
    expires_at datetime NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS idx_sessions_expires_at ON sessions(expires_at);
CREATE INDEX IF NOT EXISTS idx_sessions_user_id ON sessions(user_id);

CREATE TABLE IF NOT EXISTS audit_entries (
    id integer PRIMARY KEY AUTOINCREMENT,
    at datetime NOT NULL,
    actor_id integer,
    actor_name text NOT NULL DEFAULT '',
    actor_role text NOT NULL DEFAULT '',
    action text NOT NULL,
    object_type text NOT NULL,
    object_id integer NOT NULL,
    region_code text NOT NULL DEFAULT '',
    "before" text NOT NULL DEFAULT '',
    "after" text NOT NULL DEFAULT '',
    note text NOT NULL DEFAULT '',
    ip text NOT NULL DEFAULT '',
    user_agent text NOT NULL DEFAULT '',
    prev_hash text NOT NULL DEFAULT '',
    hash text NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_audit_entries_hash ON audit_entries(hash);
CREATE INDEX IF NOT EXISTS idx_audit_entries_region_code ON audit_entries(region_code);
CREATE INDEX IF NOT EXISTS idx_audit_object ON audit_entries(object_type,object_id);
CREATE INDEX IF NOT EXISTS idx_audit_entries_action ON audit_entries(action);
CREATE INDEX IF NOT EXISTS idx_audit_entries_actor_id ON audit_entries(actor_id);
CREATE INDEX IF NOT EXISTS idx_audit_entries_at ON audit_entries(at);

CREATE TABLE IF NOT EXISTS documents (
    id integer PRIMARY KEY AUTOINCREMENT,
    owner_type text NOT NULL,
    owner_id integer NOT NULL,
    title text NOT NULL,
    file_name text NOT NULL,
    content_type text NOT NULL,
    size integer NOT NULL,
    sha256 text NOT NULL,
    uploaded_by integer,
    created_at datetime
);
CREATE INDEX IF NOT EXISTS idx_documents_sha256 ON documents(sha256);
CREATE INDEX IF NOT EXISTS idx_documents_owner ON documents(owner_type,owner_id);

-- +goose Down
-- The first schema is not taken down: that would delete every record.
SELECT 1;
