-- The citizen's own reports on Min Plan (app/reports/): sick from a date (open until they report
-- fit again), and holiday. Dates are 'YYYY-MM-DD'; instants UTC text as elsewhere.
-- status: 'registered' (in force), 'requested' (a holiday awaiting the municipality's agreement),
-- 'agreed', 'not_agreed' (the municipality's answer to a request).

CREATE TABLE absence_reports (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    kind TEXT NOT NULL CHECK (kind IN ('sick', 'holiday')),
    from_date TEXT NOT NULL,
    to_date TEXT,                          -- NULL: sick and not yet reported fit
    status TEXT NOT NULL CHECK (status IN ('registered', 'requested', 'agreed', 'not_agreed')),
    rule_set TEXT NOT NULL,                -- the rule set in force when it was reported
    registered_at TEXT NOT NULL,
    fit_reported_at TEXT,
    decided_by INTEGER REFERENCES caseworkers(id),
    decided_at TEXT,
    decision_note TEXT,
    CHECK (to_date IS NULL OR from_date <= to_date),
    CHECK (to_date IS NOT NULL OR kind = 'sick')
);
CREATE INDEX absence_reports_citizen ON absence_reports(citizen_id, from_date);
CREATE INDEX absence_reports_municipality ON absence_reports(municipality_id, registered_at);
