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


def conversation_for_citizen(db, conversation_id: int, citizen_id: int):
    """Scoped by citizen: another citizen's conversation is simply not found."""
    rows = [dict(r) for r in db.query(
        _SELECT + " WHERE c.id = ? AND c.citizen_id = ?", [conversation_id, citizen_id])]
    return rows[0] if rows else None


def pending_format_request(db, conversation_id: int):
    rows = [dict(r) for r in db.query(
        "SELECT * FROM format_requests WHERE conversation_id = ? AND status = 'pending'", [conversation_id])]
    return rows[0] if rows else None


def insert_format_request(db, *, conversation_id, citizen_id, municipality_id, from_format, to_format,
                          reason, created_at) -> int:
    return db.execute(
        "INSERT INTO format_requests (conversation_id, citizen_id, municipality_id, from_format, to_format,"
        " reason, status, created_at) VALUES (?,?,?,?,?,?, 'pending', ?)",
        [conversation_id, citizen_id, municipality_id, from_format, to_format, reason, created_at]).lastrowid


def set_phone_number(db, conversation_id: int, phone_number: str) -> None:
    db.execute("UPDATE conversations SET phone_number = ? WHERE id = ?", [phone_number, conversation_id])


def update_format(db, conversation_id: int, fmt: str, *, video_url, phone_number, updated_at) -> None:
    db.execute(
        "UPDATE conversations SET format = ?, video_url = ?, phone_number = ?, sequence = sequence + 1,"
        " updated_at = ? WHERE id = ?", [fmt, video_url, phone_number, updated_at, conversation_id])
