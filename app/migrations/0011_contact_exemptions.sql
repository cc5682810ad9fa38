-- Exemptions from the contact course's required conversations and offers (law no. 1750 of
-- 29 December 2025, from 1 July 2026: the municipality may exempt up to one in four). One row
-- per decision; a new decision or an early end closes the row, so the history stays readable.
-- Dates are 'YYYY-MM-DD'; instants UTC text as elsewhere.

CREATE TABLE contact_exemptions (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    covers TEXT NOT NULL,                 -- comma list of 'conversations', 'offers'
    reason TEXT NOT NULL,                 -- code, see app/labels.py CONTACT_EXEMPTION_REASONS
    note TEXT,
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL,
    set_by INTEGER REFERENCES caseworkers(id),
    set_at TEXT NOT NULL,
    ended_at TEXT,                        -- ended early, or replaced by a new decision
    ended_by INTEGER REFERENCES caseworkers(id),
    CHECK (from_date <= to_date)
);
CREATE INDEX contact_exemptions_citizen ON contact_exemptions(citizen_id, ended_at);
CREATE INDEX contact_exemptions_municipality ON contact_exemptions(municipality_id, ended_at, to_date);
