-- Indexes for the checks every draft and every save makes: that no other agreement has
-- its number, and that no other agreement of a region has a party's document number.
-- Without them both read every agreement (of the region, for Jakarta: all of them), so
-- saving a draft slowed as the register grew.

-- +goose Up
CREATE INDEX idx_agreements_number ON agreements(number);
CREATE INDEX idx_parties_region_document ON parties(region_code, document_number);

-- +goose Down
DROP INDEX idx_parties_region_document;
DROP INDEX idx_agreements_number;
