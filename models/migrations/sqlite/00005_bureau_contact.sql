-- How the public reaches the Biro Kerja Sama Daerah: its office, street address, phone,
-- email and the address where information requests are made (PPID, the information and
-- documentation officer of UU 14/2008). The footer of every page and the about page show
-- it; administrators edit it on the office's settings page. One row only (id = 1), with a
-- revision for optimistic concurrency like the other records that forms edit.
--
-- The seeded phone and email are the bureau's as known when this was written; an
-- administrator corrects them on the settings page, not in a migration.

-- +goose Up
CREATE TABLE bureau_contacts (
    id integer PRIMARY KEY CHECK (id = 1),
    office text NOT NULL,
    address text NOT NULL,
    phone text NOT NULL DEFAULT '',
    email text NOT NULL DEFAULT '',
    ppid_url text NOT NULL DEFAULT '',
    revision integer NOT NULL DEFAULT 1
);
INSERT INTO bureau_contacts (id, office, address, phone, email, ppid_url, revision) VALUES (
    1,
    'Biro Kerja Sama Daerah, Sekretariat Daerah Provinsi DKI Jakarta',
    'Balai Kota DKI Jakarta, Jl. Medan Merdeka Selatan No. 8–9, Gambir, Jakarta Pusat 10110',
    '(021) 3822255',
    'biroksd@jakarta.go.id',
    'https://ppid.jakarta.go.id',
    1
);

-- +goose Down
DROP TABLE bureau_contacts;
