-- Self-booking invitations, format-change requests, cancellations, ratings, calendar identity,
-- and idempotency keys that make a double-submitted form act once.

ALTER TABLE conversations ADD COLUMN uid TEXT;                      -- stable calendar UID
ALTER TABLE conversations ADD COLUMN invitation_id INTEGER REFERENCES booking_invitations(id);
ALTER TABLE conversations ADD COLUMN interpreter TEXT;              -- language needed, NULL if none
ALTER TABLE conversations ADD COLUMN in_person_ground TEXT;         -- caseworker required attendance
ALTER TABLE conversations ADD COLUMN in_person_note TEXT;
ALTER TABLE conversations ADD COLUMN cancel_reason TEXT;
ALTER TABLE conversations ADD COLUMN cancel_text TEXT;
ALTER TABLE conversations ADD COLUMN cancelled_at TEXT;
ALTER TABLE conversations ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 6);
ALTER TABLE conversations ADD COLUMN rating_comment TEXT;
ALTER TABLE conversations ADD COLUMN rated_at TEXT;
UPDATE conversations SET uid = 'conversation-' || id || '@minplan' WHERE uid IS NULL;
CREATE UNIQUE INDEX conversations_uid ON conversations(uid);

-- The jobcenter asks a citizen to book a conversation before a deadline (selvbooking).
CREATE TABLE booking_invitations (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    caseworker_id INTEGER REFERENCES caseworkers(id),
    kind TEXT NOT NULL,
    held_by TEXT NOT NULL DEFAULT 'jobcenter',
    deadline TEXT NOT NULL,           -- date by which to book
    window_start TEXT NOT NULL,       -- earliest date a booked time may be on
    window_end TEXT NOT NULL,         -- latest date a booked time may be on
    prepare TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'booked', 'expired', 'withdrawn')),
    conversation_id INTEGER REFERENCES conversations(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX booking_invitations_citizen ON booking_invitations(citizen_id, status);

-- A wish to change a conversation's format that needs a caseworker's decision.
CREATE TABLE format_requests (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    from_format TEXT NOT NULL,
    to_format TEXT NOT NULL CHECK (to_format IN ('in_person', 'phone', 'video')),
    reason TEXT,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused', 'withdrawn')),
    decided_by INTEGER REFERENCES caseworkers(id),
    decided_at TEXT,
    decision_reason TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX format_requests_queue ON format_requests(municipality_id, status, created_at);
-- At most one open request per conversation.
CREATE UNIQUE INDEX format_requests_one_pending ON format_requests(conversation_id) WHERE status = 'pending';

-- A form's one-time key (from the rendered form) -> what it produced, so a retried or
-- double-clicked submit returns the first result instead of acting twice.
CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    actor TEXT NOT NULL,
    result TEXT,
    created_at TEXT NOT NULL
);
