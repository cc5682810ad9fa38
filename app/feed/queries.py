"""SQL for the calendar feed: the token's hash per citizen, and the conversations it shows."""


def feed_for(db, citizen_id: int):
    rows = [dict(r) for r in db.query("SELECT citizen_id, created_at FROM calendar_feeds WHERE citizen_id = ?",
                                      [citizen_id])]
    return rows[0] if rows else None


def citizen_by_token_hash(db, token_hash: str):
    rows = [dict(r) for r in db.query(
        "SELECT c.id, c.municipality_id, c.preferred_language, m.jobcenter_name FROM calendar_feeds f"
        " JOIN citizens c ON c.id = f.citizen_id JOIN municipalities m ON m.id = c.municipality_id"
        " WHERE f.token_hash = ?", [token_hash])]
    return rows[0] if rows else None


def replace_token(db, citizen_id: int, token_hash: str, at: str) -> bool:
    """The new hash in place of any old one (the old address stops at once). True if there was one."""
    had = db.execute("SELECT 1 FROM calendar_feeds WHERE citizen_id = ?", [citizen_id]).fetchone() is not None
    db.execute("INSERT INTO calendar_feeds (citizen_id, token_hash, created_at) VALUES (?, ?, ?)"
               " ON CONFLICT(citizen_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at",
               [citizen_id, token_hash, at])
    return had


def conversations(db, citizen_id: int, since: str):
    return [dict(r) for r in db.query(
        "SELECT * FROM conversations WHERE citizen_id = ? AND starts_at >= ? ORDER BY starts_at", [citizen_id, since])]
