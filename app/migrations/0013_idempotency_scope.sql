-- A form's one-time key belongs to who sent it and the action it was sent with (its target
-- included). The same key from someone else, or with another action, is a new submission:
-- it must never replay another form's result. The key is unique within (actor, action) only.
CREATE TABLE idempotency_keys_scoped (
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    key TEXT NOT NULL,
    result TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (actor, action, key)
);
-- Keys from before have no action; nothing sends them again with one.
INSERT INTO idempotency_keys_scoped (actor, action, key, result, created_at)
    SELECT actor, '', key, result, created_at FROM idempotency_keys;
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_keys_scoped RENAME TO idempotency_keys;
