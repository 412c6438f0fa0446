-- A short display title beside the full legal title, for headings and lists: legal titles
-- run to forty words and push everything else off a phone's screen. It is a label, not
-- part of the text the parties confirm, so it is outside the content hash.
--
-- The number a region's own registry gave the document, entered by its delegate when
-- confirming (the draft's number for that party is the one Jakarta knew when drafting).
-- The party row holds the current answer's number; the sign-off record keeps what each
-- answer said.

-- +goose Up
ALTER TABLE agreements ADD COLUMN short_title text NOT NULL DEFAULT '';
ALTER TABLE parties ADD COLUMN own_number text NOT NULL DEFAULT '';
ALTER TABLE sign_offs ADD COLUMN own_number text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE sign_offs DROP COLUMN own_number;
ALTER TABLE parties DROP COLUMN own_number;
ALTER TABLE agreements DROP COLUMN short_title;
