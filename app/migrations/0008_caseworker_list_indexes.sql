-- Partial indexes for the caseworker's "I dag" panels, found by bench/run.py at 20,000
-- citizens: interpreters to arrange and the rating summary scanned every booked conversation.
CREATE INDEX conversations_interpreter_open ON conversations(municipality_id, starts_at)
    WHERE interpreter IS NOT NULL AND status = 'booked' AND interpreter_ordered_at IS NULL;
CREATE INDEX conversations_rated ON conversations(municipality_id, rated_at) WHERE rating IS NOT NULL;
