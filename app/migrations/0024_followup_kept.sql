-- A booked follow-up that is no longer required (the citizen is back at work, or the information
-- form says none is required) until the caseworker decides: cancelled (the conversations area),
-- or kept, recorded here; the citizen then sees it as an ordinary conversation again.

ALTER TABLE conversations ADD COLUMN followup_kept_at TEXT;
