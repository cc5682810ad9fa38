-- Caseworkers and their accounts (issue 10): every account has a role within its one
-- municipality. An administrator manages the municipality's accounts (app/staff); a caseworker
-- does the casework. `active` (0001) is what disabling an account sets to 0.
ALTER TABLE caseworkers ADD COLUMN role TEXT NOT NULL DEFAULT 'caseworker'
    CHECK (role IN ('caseworker', 'administrator'));
-- When an account was last changed by an administrator or by its owner (NULL: never).
ALTER TABLE caseworkers ADD COLUMN updated_at TEXT;
CREATE INDEX caseworkers_municipality ON caseworkers(municipality_id, name);
