-- Conversations, second part: a citizen's interpreter need on a booking invitation (the
-- booking then goes to the caseworker), the jobcenter's note that the interpreter is ordered,
-- and indexes for the caseworker's lists (today and tomorrow, cancellations).

ALTER TABLE booking_invitations ADD COLUMN interpreter TEXT;              -- language asked for, NULL if none
ALTER TABLE booking_invitations ADD COLUMN interpreter_requested_at TEXT;
ALTER TABLE conversations ADD COLUMN interpreter_ordered_at TEXT;         -- set when the jobcenter has ordered one

CREATE INDEX conversations_municipality_start ON conversations(municipality_id, status, starts_at);
CREATE INDEX conversations_municipality_cancelled ON conversations(municipality_id, cancelled_at);
CREATE INDEX booking_invitations_municipality ON booking_invitations(municipality_id, status);
