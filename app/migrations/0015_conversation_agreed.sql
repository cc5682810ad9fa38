-- "Det aftalte" (issue 10): what the citizen does and what the municipality does before the
-- next conversation, and by when; written when a conversation of any kind (follow-ups too) is
-- marked held. agreed_until is a date 'YYYY-MM-DD'.
ALTER TABLE conversations ADD COLUMN agreed_citizen TEXT;
ALTER TABLE conversations ADD COLUMN agreed_municipality TEXT;
ALTER TABLE conversations ADD COLUMN agreed_until TEXT;
