-- The first schema: who is who, the plan, conversations, joblog and the audit log.
-- Instants are UTC text 'YYYY-MM-DDTHH:MM:SSZ'; calendar dates are 'YYYY-MM-DD'.

CREATE TABLE municipalities (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    jobcenter_name TEXT NOT NULL,
    phone TEXT,
    email TEXT,
    address TEXT
);

CREATE TABLE citizens (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    cpr TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    target_group TEXT NOT NULL,
    group_since TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    preferred_language TEXT NOT NULL DEFAULT 'da' CHECK (preferred_language IN ('da', 'en')),
    notify_email INTEGER NOT NULL DEFAULT 1,
    notify_sms INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX citizens_municipality ON citizens(municipality_id);

CREATE TABLE caseworkers (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL UNIQUE REFERENCES citizens(id) ON DELETE CASCADE,
    next_step TEXT,
    updated_at TEXT NOT NULL
);

CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('job', 'education')),
    title TEXT NOT NULL,
    note TEXT,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    provider TEXT,
    status TEXT NOT NULL CHECK (status IN ('planned', 'active', 'completed', 'cancelled')),
    starts_on TEXT,
    ends_on TEXT,
    hours_per_week INTEGER,
    note TEXT
);
CREATE INDEX activities_citizen ON activities(citizen_id);

CREATE TABLE slots (
    id INTEGER PRIMARY KEY,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    caseworker_id INTEGER REFERENCES caseworkers(id),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    formats TEXT NOT NULL,
    location TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'withdrawn')),
    created_at TEXT NOT NULL
);
CREATE INDEX slots_municipality_start ON slots(municipality_id, starts_at);

CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    caseworker_id INTEGER REFERENCES caseworkers(id),
    slot_id INTEGER REFERENCES slots(id),
    held_by TEXT NOT NULL CHECK (held_by IN ('jobcenter', 'akasse')),
    kind TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('in_person', 'phone', 'video')),
    location TEXT,
    video_url TEXT,
    phone_number TEXT,
    status TEXT NOT NULL CHECK (status IN ('booked', 'held', 'cancelled_citizen', 'cancelled_jobcenter', 'missed')),
    summoned INTEGER NOT NULL DEFAULT 0,
    prepare TEXT,
    summary TEXT,
    next_step TEXT,
    sequence INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX conversations_citizen_start ON conversations(citizen_id, starts_at);
-- One live booking per published time: the database, not the view, keeps two citizens apart.
CREATE UNIQUE INDEX conversations_slot_live ON conversations(slot_id)
    WHERE slot_id IS NOT NULL AND status IN ('booked', 'held');

CREATE TABLE joblog_entries (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    employer TEXT NOT NULL,
    job_title TEXT,
    applied_on TEXT NOT NULL,
    source TEXT,
    note TEXT,
    url TEXT,
    status TEXT NOT NULL DEFAULT 'sent',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX joblog_citizen_date ON joblog_entries(citizen_id, applied_on);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_type TEXT NOT NULL CHECK (actor_type IN ('citizen', 'caseworker', 'system')),
    actor_id INTEGER,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    citizen_id INTEGER,
    municipality_id INTEGER,
    before TEXT,
    after TEXT
);
CREATE INDEX audit_citizen ON audit_log(citizen_id, at);
CREATE INDEX audit_municipality ON audit_log(municipality_id, at);
-- Append-only: the log cannot be edited or deleted through SQL either.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
