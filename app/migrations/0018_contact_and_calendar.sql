-- How to reach the municipality (issue 14), as data per municipality, and the citizen's private
-- calendar address. The service's name is municipalities.jobcenter_name; phone, e-mail and
-- address are already there.

-- JSON list of {"days": [0..6 (Monday = 0)], "opens": "HH:MM", "closes": "HH:MM"}.
ALTER TABLE municipalities ADD COLUMN opening_hours TEXT NOT NULL DEFAULT '[]';
-- Where to find it: the municipality's own words (entrance, floor, bus), in Danish.
ALTER TABLE municipalities ADD COLUMN directions TEXT;
-- SETTING per municipality: the answer time promised for a message, in working days.
ALTER TABLE municipalities ADD COLUMN answer_days INTEGER NOT NULL DEFAULT 2 CHECK (answer_days BETWEEN 1 AND 20);

-- One private calendar address per citizen. Only the SHA-256 of the token is kept: the token
-- itself is shown to the citizen once, right after it is made, and is never stored or logged.
CREATE TABLE calendar_feeds (
    citizen_id INTEGER PRIMARY KEY REFERENCES citizens(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
