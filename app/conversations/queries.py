"""SQL for conversations as the citizen meets them: conversations, format requests, booking
invitations and free published times. The caseworker's lists are in queries_caseworker.py."""

_SELECT = (
    "SELECT c.*, w.name AS caseworker_name FROM conversations c"
    " LEFT JOIN caseworkers w ON w.id = c.caseworker_id")

# A published time is free when it is open and no live conversation holds it.
FREE_SLOT = ("s.status = 'open' AND NOT EXISTS (SELECT 1 FROM conversations x WHERE x.slot_id = s.id"
             " AND x.status IN ('booked', 'held'))")


def _rows(db, sql, params=()):
    return [dict(r) for r in db.query(sql, params)]


def _one(db, sql, params=()):
    rows = _rows(db, sql, params)
    return rows[0] if rows else None


def upcoming_for_citizen(db, citizen_id: int, now: str, limit: int = 20):
    return _rows(db, _SELECT + " WHERE c.citizen_id = ? AND c.status = 'booked' AND c.ends_at > ?"
                 " ORDER BY c.starts_at LIMIT ?", [citizen_id, now, limit])


def past_for_citizen(db, citizen_id: int, now: str):
    """Everything that is no longer upcoming: held, missed, cancelled, and booked ones that ended."""
    return _rows(db, _SELECT + " WHERE c.citizen_id = ? AND (c.status != 'booked' OR c.ends_at <= ?)"
                 " ORDER BY c.starts_at DESC", [citizen_id, now])


def all_for_citizen(db, citizen_id: int):
    return _rows(db, _SELECT + " WHERE c.citizen_id = ? ORDER BY c.starts_at", [citizen_id])


def latest_held(db, citizen_id: int):
    return _one(db, _SELECT + " WHERE c.citizen_id = ? AND c.status = 'held' ORDER BY c.starts_at DESC LIMIT 1",
                [citizen_id])


def has_held(db, citizen_id: int, kind: str) -> bool:
    return db.execute("SELECT 1 FROM conversations WHERE citizen_id = ? AND kind = ? AND status = 'held' LIMIT 1",
                      [citizen_id, kind]).fetchone() is not None


def counts_by_status(db, citizen_id: int) -> dict:
    return {r["status"]: r["n"] for r in db.query(
        "SELECT status, COUNT(*) AS n FROM conversations WHERE citizen_id = ? GROUP BY status", [citizen_id])}


def conversation_for_citizen(db, conversation_id: int, citizen_id: int):
    """Scoped by citizen: another citizen's conversation is simply not found."""
    return _one(db, _SELECT + " WHERE c.id = ? AND c.citizen_id = ?", [conversation_id, citizen_id])


def overlapping(db, citizen_id: int, starts_at: str, ends_at: str, exclude_id: int | None = None):
    """The citizen's live conversation at the same time, if any."""
    return _one(db, "SELECT id, starts_at FROM conversations WHERE citizen_id = ? AND status = 'booked'"
                " AND starts_at < ? AND ends_at > ? AND id != ? LIMIT 1",
                [citizen_id, ends_at, starts_at, exclude_id or 0])


# ------------------------------------------------------------------ format requests

def pending_format_request(db, conversation_id: int):
    return _one(db, "SELECT * FROM format_requests WHERE conversation_id = ? AND status = 'pending'",
                [conversation_id])


def requests_for_citizen(db, citizen_id: int):
    """Newest first, with the deciding caseworker's name."""
    return _rows(db, "SELECT r.*, w.name AS decided_by_name FROM format_requests r"
                 " LEFT JOIN caseworkers w ON w.id = r.decided_by WHERE r.citizen_id = ?"
                 " ORDER BY r.created_at DESC, r.id DESC", [citizen_id])


def request_for_citizen(db, request_id: int, citizen_id: int):
    return _one(db, "SELECT * FROM format_requests WHERE id = ? AND citizen_id = ?", [request_id, citizen_id])


def insert_format_request(db, *, conversation_id, citizen_id, municipality_id, from_format, to_format,
                          reason, created_at) -> int:
    return db.execute(
        "INSERT INTO format_requests (conversation_id, citizen_id, municipality_id, from_format, to_format,"
        " reason, status, created_at) VALUES (?,?,?,?,?,?, 'pending', ?)",
        [conversation_id, citizen_id, municipality_id, from_format, to_format, reason, created_at]).lastrowid


def close_pending_requests(db, conversation_id: int, *, status: str, reason: str | None, decided_by, at: str) -> list:
    """Withdraw or refuse whatever is pending for a conversation; returns the closed requests."""
    pending = _rows(db, "SELECT * FROM format_requests WHERE conversation_id = ? AND status = 'pending'",
                    [conversation_id])
    db.execute("UPDATE format_requests SET status = ?, decision_reason = ?, decided_by = ?, decided_at = ?"
               " WHERE conversation_id = ? AND status = 'pending'", [status, reason, decided_by, at, conversation_id])
    return pending


def set_phone_number(db, conversation_id: int, phone_number: str) -> None:
    db.execute("UPDATE conversations SET phone_number = ? WHERE id = ?", [phone_number, conversation_id])


def update_format(db, conversation_id: int, fmt: str, *, video_url, phone_number, updated_at) -> None:
    db.execute(
        "UPDATE conversations SET format = ?, video_url = ?, phone_number = ?, sequence = sequence + 1,"
        " updated_at = ? WHERE id = ?", [fmt, video_url, phone_number, updated_at, conversation_id])


# ------------------------------------------------------------------ booking invitations

def open_invitations(db, citizen_id: int):
    return _rows(db, "SELECT * FROM booking_invitations WHERE citizen_id = ? AND status = 'open'"
                 " ORDER BY deadline, id", [citizen_id])


def invitation_for_citizen(db, invitation_id: int, citizen_id: int):
    return _one(db, "SELECT * FROM booking_invitations WHERE id = ? AND citizen_id = ?", [invitation_id, citizen_id])


def invitation_by_id(db, invitation_id: int):
    return _one(db, "SELECT * FROM booking_invitations WHERE id = ?", [invitation_id])


def mark_invitation_booked(db, invitation_id: int, conversation_id: int, at: str) -> int:
    """Conditional: only an open invitation becomes booked. Returns the rows changed (0 or 1)."""
    return db.execute("UPDATE booking_invitations SET status = 'booked', conversation_id = ?, updated_at = ?"
                      " WHERE id = ? AND status = 'open'", [conversation_id, at, invitation_id]).rowcount


def set_invitation_interpreter(db, invitation_id: int, language: str, at: str) -> None:
    db.execute("UPDATE booking_invitations SET interpreter = ?, interpreter_requested_at = ?, updated_at = ?"
               " WHERE id = ?", [language, at, at, invitation_id])


# ------------------------------------------------------------------ published times

def free_slots(db, municipality_id: int, *, after: str, start: str, end: str):
    """Free published times of one municipality starting in [start, end) and after `after`."""
    return _rows(db, "SELECT s.*, w.name AS caseworker_name FROM slots s LEFT JOIN caseworkers w ON w.id = s.caseworker_id"
                 " WHERE s.municipality_id = ? AND s.starts_at > ?"
                 " AND s.starts_at >= ? AND s.starts_at < ? AND " + FREE_SLOT + " ORDER BY s.starts_at, s.id",
                 [municipality_id, after, start, end])


def slot_in_municipality(db, slot_id: int, municipality_id: int):
    return _one(db, "SELECT s.*, (SELECT x.id FROM conversations x WHERE x.slot_id = s.id"
                " AND x.status IN ('booked', 'held')) AS taken_by FROM slots s"
                " WHERE s.id = ? AND s.municipality_id = ?", [slot_id, municipality_id])


def insert_booking(db, *, citizen_id, municipality_id, slot_id, held_by, kind, fmt, video_url, phone_number,
                   prepare, uid, invitation_id, after, start, end, at) -> int | None:
    """The booking as ONE conditional write: the row is made only from a published, open time of
    the citizen's municipality inside the window and not in the past. A time another citizen
    holds fails on the partial unique index conversations_slot_live (sqlite3.IntegrityError).
    Returns the new id, or None when the time is not bookable."""
    cursor = db.execute(
        "INSERT INTO conversations (citizen_id, municipality_id, caseworker_id, slot_id, held_by, kind,"
        " starts_at, ends_at, format, location, video_url, phone_number, status, summoned, prepare, sequence,"
        " uid, invitation_id, created_at, updated_at)"
        " SELECT ?, s.municipality_id, s.caseworker_id, s.id, ?, ?, s.starts_at, s.ends_at, ?, s.location, ?, ?,"
        " 'booked', 0, ?, 0, ?, ?, ?, ? FROM slots s"
        " WHERE s.id = ? AND s.municipality_id = ? AND s.status = 'open' AND s.starts_at > ?"
        " AND s.starts_at >= ? AND s.starts_at < ? AND (',' || s.formats || ',') LIKE ('%,' || ? || ',%')",
        [citizen_id, held_by, kind, fmt, video_url, phone_number, prepare, uid, invitation_id, at, at,
         slot_id, municipality_id, after, start, end, fmt])
    return cursor.lastrowid if cursor.rowcount == 1 else None


def move_to_slot(db, conversation_id: int, slot: dict, *, fmt, video_url, phone_number, at) -> None:
    """Move a booked conversation onto another time; the old time is free at once. A time
    someone else holds fails on conversations_slot_live."""
    db.execute(
        "UPDATE conversations SET slot_id = ?, caseworker_id = COALESCE(?, caseworker_id), starts_at = ?,"
        " ends_at = ?, location = ?, format = ?, video_url = ?, phone_number = ?, sequence = sequence + 1,"
        " updated_at = ? WHERE id = ? AND status = 'booked'",
        [slot["id"], slot["caseworker_id"], slot["starts_at"], slot["ends_at"], slot["location"], fmt,
         video_url, phone_number, at, conversation_id])


# ------------------------------------------------------------------ cancellation and rating

def cancel(db, conversation_id: int, *, status: str, reason: str, text: str | None, at: str) -> int:
    """Conditional: only a booked conversation is cancelled. The time is free at once (the
    partial unique index counts only booked and held conversations)."""
    return db.execute(
        "UPDATE conversations SET status = ?, cancel_reason = ?, cancel_text = ?, cancelled_at = ?,"
        " sequence = sequence + 1, updated_at = ? WHERE id = ? AND status = 'booked'",
        [status, reason, text, at, at, conversation_id]).rowcount


def rate(db, conversation_id: int, rating: int, comment: str | None, at: str) -> int:
    return db.execute("UPDATE conversations SET rating = ?, rating_comment = ?, rated_at = ?"
                      " WHERE id = ? AND status = 'held' AND rated_at IS NULL",
                      [rating, comment, at, conversation_id]).rowcount


def last_audit(db, entity: str, entity_id: int, actions: tuple[str, ...]):
    """The latest of these actions registered for this entity: {action, at} (for receipts)."""
    marks = ",".join("?" for _ in actions)
    row = db.execute(f"SELECT action, at FROM audit_log WHERE entity = ? AND entity_id = ? AND action IN ({marks})"
                     " ORDER BY id DESC LIMIT 1", [entity, entity_id, *actions]).fetchone()
    return dict(row) if row else None


def municipality(db, municipality_id: int):
    return _one(db, "SELECT * FROM municipalities WHERE id = ?", [municipality_id])


def set_location(db, conversation_id: int, location: str) -> None:
    db.execute("UPDATE conversations SET location = ? WHERE id = ?", [location, conversation_id])


def set_interpreter(db, conversation_id: int, language: str, at: str) -> None:
    db.execute("UPDATE conversations SET interpreter = ?, interpreter_ordered_at = NULL, updated_at = ?"
               " WHERE id = ?", [language, at, conversation_id])


def reopen_invitation(db, invitation_id: int, at: str) -> None:
    db.execute("UPDATE booking_invitations SET status = 'open', conversation_id = NULL, updated_at = ?"
               " WHERE id = ? AND status = 'booked'", [at, invitation_id])
