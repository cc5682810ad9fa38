-- Notify: the outbox (one row per message and channel, keyed so it is sent once), the in-app
-- notices, the citizen's opt-outs per reminder type, and the sweep's cursor in the audit log.

CREATE TABLE notify_outbox (
    id INTEGER PRIMARY KEY,
    -- what : which occurrence : which lead time : which channel, e.g.
    -- 'conv:12:2026-12-07T09:00:00Z:1d:email' or 'audit:345:inapp'
    key TEXT NOT NULL UNIQUE,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,                 -- conversation_reminder, joblog_reminder, conversation_booked, ...
    channel TEXT NOT NULL CHECK (channel IN ('inapp', 'email', 'sms')),
    entity TEXT,                        -- conversation, booking_invitation, joblog_period
    entity_id INTEGER,
    occurrence TEXT,                    -- the starts_at / period start / deadline the message is about
    params TEXT NOT NULL DEFAULT '{}',  -- JSON: what the audit entry said, the lead time, ...
    event_at TEXT,                      -- the instant the message announces (quiet hours yield to it)
    due_at TEXT NOT NULL,
    expires_at TEXT,                    -- never sent after this (no reminder after the start)
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'dropped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    recipient TEXT,                     -- the address it went to
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX notify_outbox_pending ON notify_outbox(status, next_attempt_at);
CREATE INDEX notify_outbox_citizen ON notify_outbox(citizen_id, created_at);
CREATE INDEX notify_outbox_entity ON notify_outbox(entity, entity_id);

-- In-app notices (the page /beskeder). The content is kept as kind + params and rendered in the
-- language the citizen reads the page in.
CREATE TABLE notices (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    outbox_id INTEGER UNIQUE REFERENCES notify_outbox(id),
    kind TEXT NOT NULL,
    params TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX notices_citizen_unread ON notices(citizen_id, read_at);
CREATE INDEX notices_citizen_created ON notices(citizen_id, created_at);

-- Reminder types a citizen has switched off (only where the rules allow it).
CREATE TABLE notify_optouts (
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    reminder TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (citizen_id, reminder)
);

-- The sweep's bookmarks. audit_cursor: the last audit_log id turned into notices. History from
-- before this migration is not announced again.
CREATE TABLE notify_state (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO notify_state (name, value) SELECT 'audit_cursor', CAST(COALESCE(MAX(id), 0) AS TEXT) FROM audit_log;
