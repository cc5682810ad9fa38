"""SQL for logins: citizens, caseworkers and failed-attempt bookkeeping."""
from .. import clock


def citizen_by_id(db, citizen_id: int):
    rows = list(db.query(
        "SELECT c.*, m.name AS municipality_name, m.jobcenter_name, m.phone AS municipality_phone,"
        " m.email AS municipality_email, m.address AS municipality_address,"
        " m.opening_hours AS municipality_opening_hours, m.directions AS municipality_directions,"
        " m.answer_days AS municipality_answer_days FROM citizens c"
        " JOIN municipalities m ON m.id = c.municipality_id WHERE c.id = ?", [citizen_id]))
    return rows[0] if rows else None


def citizen_by_cpr(db, cpr: str):
    rows = list(db.query("SELECT id FROM citizens WHERE cpr = ?", [cpr]))
    return rows[0]["id"] if rows else None


def caseworker_by_id(db, caseworker_id: int):
    rows = list(db.query(
        "SELECT w.*, m.name AS municipality_name, m.jobcenter_name FROM caseworkers w"
        " JOIN municipalities m ON m.id = w.municipality_id WHERE w.id = ? AND w.active = 1",
        [caseworker_id]))
    return rows[0] if rows else None


def caseworker_by_email(db, email: str):
    rows = list(db.query("SELECT * FROM caseworkers WHERE email = ? AND active = 1", [email.strip()]))
    return rows[0] if rows else None


_TEST_LOGIN_COLUMNS = ("SELECT c.id, c.name, c.target_group, c.cpr, m.name AS municipality_name FROM citizens c"
                       " JOIN municipalities m ON m.id = c.municipality_id")


def citizens_by_cpr(db, cprs: list[str], limit: int):
    """The citizens with these CPR numbers (the demo citizens), by name: an indexed lookup."""
    marks = ", ".join("?" for _ in cprs)
    return list(db.query(f"{_TEST_LOGIN_COLUMNS} WHERE c.cpr IN ({marks}) ORDER BY c.name, c.id LIMIT ?",
                         [*cprs, limit]))


def citizens_named(db, text: str, limit: int, offset: int) -> tuple[list, int]:
    """One page of the citizens whose name contains `text`, and how many there are in all."""
    pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    where = "c.name LIKE ? ESCAPE '\\'"
    total = db.execute(f"SELECT COUNT(*) FROM citizens c WHERE {where}", [pattern]).fetchone()[0]
    rows = list(db.query(f"{_TEST_LOGIN_COLUMNS} WHERE {where} ORDER BY c.name, c.id LIMIT ? OFFSET ?",
                         [pattern, limit, offset]))
    return rows, total


def failures_since(db, key: str, since) -> int:
    return db.execute(
        "SELECT COUNT(*) FROM login_attempts WHERE key = ? AND success = 0 AND at >= ?",
        [key, clock.to_db(since)]).fetchone()[0]


def record_attempt(db, key: str, success: bool) -> int:
    return db.execute("INSERT INTO login_attempts (key, at, success) VALUES (?, ?, ?)",
                      [key, clock.to_db(clock.now()), int(success)]).lastrowid


def delete_attempts(db, attempt_ids: list[int]) -> None:
    db.execute(f"DELETE FROM login_attempts WHERE id IN ({', '.join('?' * len(attempt_ids))})", attempt_ids)


def clear_failures(db, key: str) -> None:
    db.execute("DELETE FROM login_attempts WHERE key = ? AND success = 0", [key])


def purge_attempts_before(db, before) -> int:
    return db.execute("DELETE FROM login_attempts WHERE at < ?", [clock.to_db(before)]).rowcount


def set_preferred_language(db, citizen_id: int, code: str, at: str) -> None:
    db.execute("UPDATE citizens SET preferred_language = ?, updated_at = ? WHERE id = ?", [code, at, citizen_id])


# Server-side sessions (app/auth/sessions.py): rows are keyed by the digest of the cookie's id.
_SESSION_USER = {"citizen": "citizen_id", "caseworker": "caseworker_id"}


def insert_session(db, digest: str, kind: str, user_id: int, at: str) -> None:
    db.execute(f"INSERT INTO sessions (id, {_SESSION_USER[kind]}, created_at, last_seen) VALUES (?, ?, ?, ?)",
               [digest, user_id, at, at])


def session_by_digest(db, digest: str):
    rows = list(db.query("SELECT * FROM sessions WHERE id = ?", [digest]))
    return rows[0] if rows else None


def touch_session(db, digest: str, at: str) -> None:
    # Written only when the second has changed, so a burst of requests writes once.
    db.execute("UPDATE sessions SET last_seen = ? WHERE id = ? AND last_seen < ?", [at, digest, at])


def delete_session(db, digest: str) -> None:
    db.execute("DELETE FROM sessions WHERE id = ?", [digest])


def purge_sessions(db, *, seen_before: str, created_before: str) -> int:
    return db.execute("DELETE FROM sessions WHERE last_seen < ? OR created_at < ?",
                      [seen_before, created_before]).rowcount


def delete_caseworker_sessions(db, caseworker_id: int, keep_digest: str | None = None) -> int:
    """End every session of a caseworker's account, but the one named by `keep_digest`."""
    return db.execute("DELETE FROM sessions WHERE caseworker_id = ? AND id IS NOT ?",
                      [caseworker_id, keep_digest]).rowcount
