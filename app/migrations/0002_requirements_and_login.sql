-- The caseworker's per-citizen job-search requirement, what sick-listed citizens are
-- sick-listed from, self-booking exemptions, and failed-login bookkeeping.

ALTER TABLE citizens ADD COLUMN employment_status TEXT;  -- 'employed', 'unemployed', 'self_employed' (sick-listed)
ALTER TABLE citizens ADD COLUMN expected_return_within_26_weeks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE citizens ADD COLUMN self_booking_exempt_reason TEXT;

CREATE TABLE joblog_requirements (
    citizen_id INTEGER PRIMARY KEY REFERENCES citizens(id) ON DELETE CASCADE,
    count_per_period INTEGER NOT NULL CHECK (count_per_period BETWEEN 0 AND 50),
    note TEXT,
    set_by INTEGER REFERENCES caseworkers(id),
    set_at TEXT NOT NULL
);

CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    at TEXT NOT NULL,
    success INTEGER NOT NULL
);
CREATE INDEX login_attempts_key_at ON login_attempts(key, at);
