-- The dialogue (issue 14): threads a citizen writes with their municipality, the messages in
-- them and their attachments (the files themselves live under instance/attachments, never in
-- static/). Read state is kept per side as the last message id that side has seen.

CREATE TABLE dialogue_threads (
    id INTEGER PRIMARY KEY,
    citizen_id INTEGER NOT NULL REFERENCES citizens(id) ON DELETE CASCADE,
    municipality_id INTEGER NOT NULL REFERENCES municipalities(id),
    subject TEXT NOT NULL,
    -- What the thread is about, if anything: a conversation or an activity (about_id), a joblog
    -- period (about_ref = its first day), or the follow-up on sickness (neither).
    about_kind TEXT CHECK (about_kind IN ('conversation', 'activity', 'joblog_period', 'followup')),
    about_id INTEGER,
    about_ref TEXT,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    -- The oldest citizen message the municipality has not answered; NULL when answered.
    waiting_since TEXT,
    last_message_at TEXT NOT NULL,
    citizen_read_upto INTEGER NOT NULL DEFAULT 0,
    municipality_read_upto INTEGER NOT NULL DEFAULT 0,
    closed_at TEXT,
    closed_by INTEGER REFERENCES caseworkers(id),
    created_at TEXT NOT NULL
);
CREATE INDEX dialogue_threads_citizen ON dialogue_threads(citizen_id, last_message_at);
CREATE INDEX dialogue_threads_queue ON dialogue_threads(municipality_id, status, waiting_since);

CREATE TABLE dialogue_messages (
    id INTEGER PRIMARY KEY,
    thread_id INTEGER NOT NULL REFERENCES dialogue_threads(id) ON DELETE CASCADE,
    author_type TEXT NOT NULL CHECK (author_type IN ('citizen', 'caseworker')),
    author_id INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX dialogue_messages_thread ON dialogue_messages(thread_id, id);

CREATE TABLE dialogue_attachments (
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES dialogue_messages(id) ON DELETE CASCADE,
    thread_id INTEGER NOT NULL REFERENCES dialogue_threads(id) ON DELETE CASCADE,
    filename TEXT NOT NULL,          -- as the sender named it (cleaned), shown and offered on download
    content_type TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    stored_name TEXT NOT NULL UNIQUE, -- a random name under instance/attachments
    created_at TEXT NOT NULL
);
CREATE INDEX dialogue_attachments_message ON dialogue_attachments(message_id);
