-- Server-side login sessions. The signed cookie carries only a random session id; what it stands
-- for (whose session, since when, last seen when) lives here and is checked on every request, so
-- logging out, a disabled account, the idle timeout and the absolute lifetime end the session for
-- every copy of the cookie. Only a SHA-256 digest of the id is kept, so a copy of the database
-- (a backup, say) opens no session. A row is deleted when its session ends.
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,                -- hex SHA-256 of the id in the cookie
    citizen_id INTEGER REFERENCES citizens(id) ON DELETE CASCADE,
    caseworker_id INTEGER REFERENCES caseworkers(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,           -- the login; the absolute lifetime counts from here
    last_seen TEXT NOT NULL,            -- the latest request; the idle timeout counts from here
    CHECK ((citizen_id IS NULL) <> (caseworker_id IS NULL))
) WITHOUT ROWID;
CREATE INDEX sessions_citizen ON sessions(citizen_id);
CREATE INDEX sessions_caseworker ON sessions(caseworker_id);
