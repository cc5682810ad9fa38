-- Notify: an e-mail or SMS is handed over outside any database transaction. Before the hand-over
-- the row is claimed and committed: status 'sending', claimed_at = the attempt's stamp, and
-- next_attempt_at = when the claim runs out. A row still 'sending' after that (the sweep died
-- after handing it over) is handed over again with the same key, so the same Message-ID / SMS
-- reference. SQLite cannot change a CHECK constraint in place, so the outbox is rebuilt, and
-- with it the notices that refer to it (dropped first, so no foreign key is ever broken).

CREATE TABLE notify_outbox_0009 AS SELECT * FROM notify_outbox;
CREATE TABLE notices_0009 AS SELECT * FROM notices;
DROP TABLE notices;
DROP TABLE notify_outbox;

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
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dropped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,      -- while 'sending': when the claim runs out
    last_error TEXT,
    recipient TEXT,                     -- the address it went to
    created_at TEXT NOT NULL,
    sent_at TEXT,
    claimed_at TEXT                     -- the latest claim for a hand-over (e-mail, SMS)
);
CREATE INDEX notify_outbox_pending ON notify_outbox(status, next_attempt_at);
CREATE INDEX notify_outbox_citizen ON notify_outbox(citizen_id, created_at);
CREATE INDEX notify_outbox_entity ON notify_outbox(entity, entity_id);

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

INSERT INTO notify_outbox (id, key, citizen_id, kind, channel, entity, entity_id, occurrence, params, event_at,
                           due_at, expires_at, status, attempts, next_attempt_at, last_error, recipient,
                           created_at, sent_at)
SELECT id, key, citizen_id, kind, channel, entity, entity_id, occurrence, params, event_at,
       due_at, expires_at, status, attempts, next_attempt_at, last_error, recipient, created_at, sent_at
FROM notify_outbox_0009;
INSERT INTO notices (id, citizen_id, outbox_id, kind, params, created_at, read_at)
SELECT id, citizen_id, outbox_id, kind, params, created_at, read_at FROM notices_0009;

DROP TABLE notify_outbox_0009;
DROP TABLE notices_0009;
