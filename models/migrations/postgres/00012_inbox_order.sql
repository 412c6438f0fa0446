-- The order of a delegate's inbox ("the rest, most recently changed first"): with it,
-- Jakarta's delegate, whose region is a party to every agreement, reads the newest few
-- agreements by index instead of sorting the whole register on every visit.

-- +goose Up
CREATE INDEX idx_agreements_updated ON agreements(updated_at, id);

-- +goose Down
DROP INDEX idx_agreements_updated;
