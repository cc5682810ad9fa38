-- The plan written by the caseworker (issue 10): goals can be changed and ended, activities
-- carry a cancellation reason, an expected duration and when they last changed, and the
-- citizen's visits and receipts tell what is new to them and whether they have read the plan.
-- Instants UTC text 'YYYY-MM-DDTHH:MM:SSZ'; dates 'YYYY-MM-DD'.

ALTER TABLE goals ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended'));
ALTER TABLE goals ADD COLUMN ended_on TEXT;
-- When a caseworker last added or changed it (NULL: from before this migration or demo data).
ALTER TABLE goals ADD COLUMN changed_at TEXT;
ALTER TABLE goals ADD COLUMN changed_by INTEGER REFERENCES caseworkers(id);

ALTER TABLE activities ADD COLUMN expected_weeks INTEGER;
ALTER TABLE activities ADD COLUMN cancel_reason TEXT;
ALTER TABLE activities ADD COLUMN extended INTEGER NOT NULL DEFAULT 0;
ALTER TABLE activities ADD COLUMN changed_at TEXT;
ALTER TABLE activities ADD COLUMN changed_by INTEGER REFERENCES caseworkers(id);

-- One row per citizen: the start of their latest visit to Min Plan, the boundary before which
-- nothing is marked as new, and their latest receipt for having read the plan.
CREATE TABLE plan_reads (
    citizen_id INTEGER PRIMARY KEY REFERENCES citizens(id) ON DELETE CASCADE,
    visit_at TEXT,
    marks_since TEXT,
    confirmed_at TEXT
);
