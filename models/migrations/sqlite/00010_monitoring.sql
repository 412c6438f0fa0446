-- Implementation monitoring (monev): what each signed agreement is to deliver, and what the
-- regions report it delivered (models/monitoring*.go).
--
-- activities: the plan of an agreement, one row per activity, with its kind (supply,
-- training, exchange, milestone), the region responsible, the target in thousandths of its
-- unit (0 for a milestone), the due date and the status.
-- activity_reports: realisations reported against an activity: submitted, then accepted or
-- returned with a note; only accepted ones count publicly. Quantities are thousandths of the
-- activity's own unit (a report in another unit is refused), so sums never mix units and are
-- exact on both engines. period_month ('YYYY-MM', from the period's start) is what the
-- monthly figures group by, the same text on both engines.
-- report_participants: a training report's participants by region, and how many completed.

-- +goose Up
CREATE TABLE activities (
    id integer PRIMARY KEY AUTOINCREMENT,
    agreement_id integer NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
    position integer NOT NULL,
    kind text NOT NULL,
    title text NOT NULL,
    sector text NOT NULL,
    region_code text NOT NULL REFERENCES regions(code),
    commodity text NOT NULL DEFAULT '',
    unit text NOT NULL DEFAULT '',
    target integer NOT NULL DEFAULT 0,
    due_date datetime NOT NULL,
    status text NOT NULL DEFAULT 'planned',
    cancel_reason text NOT NULL DEFAULT '',
    revision integer NOT NULL DEFAULT 1,
    created_at datetime,
    updated_at datetime
);
CREATE INDEX idx_activities_agreement ON activities(agreement_id,position);
CREATE INDEX idx_activities_status_due ON activities(status,due_date);
CREATE INDEX idx_activities_region ON activities(region_code);

CREATE TABLE activity_reports (
    id integer PRIMARY KEY AUTOINCREMENT,
    activity_id integer NOT NULL REFERENCES activities(id),
    agreement_id integer NOT NULL REFERENCES agreements(id),
    kind text NOT NULL,
    region_code text NOT NULL REFERENCES regions(code),
    state text NOT NULL DEFAULT 'submitted',
    period_start datetime NOT NULL,
    period_end datetime NOT NULL,
    period_month text NOT NULL,
    commodity text NOT NULL DEFAULT '',
    quantity integer NOT NULL DEFAULT 0,
    unit text NOT NULL DEFAULT '',
    from_region_code text REFERENCES regions(code),
    destination text NOT NULL DEFAULT '',
    title text NOT NULL DEFAULT '',
    place text NOT NULL DEFAULT '',
    participants integer NOT NULL DEFAULT 0,
    note text NOT NULL DEFAULT '',
    review_note text NOT NULL DEFAULT '',
    submitted_by integer REFERENCES users(id),
    submitted_at datetime NOT NULL,
    reviewed_by integer REFERENCES users(id),
    reviewed_at datetime,
    revision integer NOT NULL DEFAULT 1,
    created_at datetime,
    updated_at datetime
);
CREATE INDEX idx_activity_reports_public ON activity_reports(state,kind,period_month);
CREATE INDEX idx_activity_reports_activity ON activity_reports(activity_id,state);
CREATE INDEX idx_activity_reports_agreement ON activity_reports(agreement_id,submitted_at);
CREATE INDEX idx_activity_reports_state_submitted ON activity_reports(state,submitted_at);

CREATE TABLE report_participants (
    report_id integer NOT NULL REFERENCES activity_reports(id) ON DELETE CASCADE,
    region_code text NOT NULL REFERENCES regions(code),
    enrolled integer NOT NULL,
    completed integer NOT NULL,
    PRIMARY KEY (report_id, region_code)
);
CREATE INDEX idx_report_participants_region ON report_participants(region_code);

-- +goose Down
DROP TABLE report_participants;
DROP TABLE activity_reports;
DROP TABLE activities;
