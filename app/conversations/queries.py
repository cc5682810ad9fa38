"""SQL for conversations."""

_SELECT = (
    "SELECT c.*, w.name AS caseworker_name FROM conversations c"
    " LEFT JOIN caseworkers w ON w.id = c.caseworker_id")


def upcoming_for_citizen(db, citizen_id: int, now: str, limit: int = 20):
    return [dict(r) for r in db.query(
        _SELECT + " WHERE c.citizen_id = ? AND c.status = 'booked' AND c.ends_at > ?"
        " ORDER BY c.starts_at LIMIT ?", [citizen_id, now, limit])]


def latest_held(db, citizen_id: int):
    rows = [dict(r) for r in db.query(
        _SELECT + " WHERE c.citizen_id = ? AND c.status = 'held' ORDER BY c.starts_at DESC LIMIT 1",
        [citizen_id])]
    return rows[0] if rows else None


def counts_by_status(db, citizen_id: int) -> dict:
    return {r["status"]: r["n"] for r in db.query(
        "SELECT status, COUNT(*) AS n FROM conversations WHERE citizen_id = ? GROUP BY status", [citizen_id])}
