"""SQL for the caseworker's side of conversations. Every query is scoped to one municipality:
another municipality's rows are simply not found."""
from .queries import _one, _rows

_CONV = ("SELECT c.*, z.name AS citizen_name, z.target_group, z.phone AS citizen_phone,"
         " z.employment_status, z.self_booking_exempt_reason, w.name AS caseworker_name"
         " FROM conversations c JOIN citizens z ON z.id = c.citizen_id"
         " LEFT JOIN caseworkers w ON w.id = c.caseworker_id")


def conversation_in_municipality(db, conversation_id: int, municipality_id: int):
    return _one(db, _CONV + " WHERE c.id = ? AND c.municipality_id = ?", [conversation_id, municipality_id])


def conversations_for_case(db, citizen_id: int, municipality_id: int):
    return _rows(db, _CONV + " WHERE c.citizen_id = ? AND c.municipality_id = ? ORDER BY c.starts_at DESC",
                 [citizen_id, municipality_id])


def booked_between(db, municipality_id: int, start: str, end: str):
    return _rows(db, _CONV + " WHERE c.municipality_id = ? AND c.status = 'booked' AND c.starts_at >= ?"
                 " AND c.starts_at < ? ORDER BY c.starts_at", [municipality_id, start, end])


def cancellations_since(db, municipality_id: int, since: str, limit: int = 20):
    return _rows(db, _CONV + " WHERE c.municipality_id = ? AND c.status = 'cancelled_citizen'"
                 " AND c.cancelled_at >= ? ORDER BY c.cancelled_at DESC LIMIT ?", [municipality_id, since, limit])


def interpreter_conversations(db, municipality_id: int, now: str):
    """Upcoming conversations that need an interpreter the jobcenter has not yet ordered."""
    # The partial index holds only the few conversations waiting for an interpreter; without the
    # hint SQLite walks every booked conversation of the municipality (bench/run.py).
    conv = _CONV.replace("FROM conversations c", "FROM conversations c INDEXED BY conversations_interpreter_open")
    return _rows(db, conv + " WHERE c.municipality_id = ? AND c.status = 'booked' AND c.interpreter IS NOT NULL"
                 " AND c.interpreter_ordered_at IS NULL AND c.ends_at > ? ORDER BY c.starts_at",
                 [municipality_id, now])


def interpreter_invitations(db, municipality_id: int):
    """Open invitations the citizen cannot book themselves because they need an interpreter."""
    return _rows(db, "SELECT i.*, z.name AS citizen_name FROM booking_invitations i"
                 " JOIN citizens z ON z.id = i.citizen_id WHERE i.municipality_id = ? AND i.status = 'open'"
                 " AND i.interpreter IS NOT NULL ORDER BY i.deadline", [municipality_id])


def open_invitation(db, citizen_id: int, municipality_id: int):
    return _one(db, "SELECT * FROM booking_invitations WHERE citizen_id = ? AND municipality_id = ?"
                " AND status = 'open' ORDER BY id DESC LIMIT 1", [citizen_id, municipality_id])


def invitations_for_case(db, citizen_id: int, municipality_id: int):
    return _rows(db, "SELECT * FROM booking_invitations WHERE citizen_id = ? AND municipality_id = ?"
                 " ORDER BY created_at DESC, id DESC", [citizen_id, municipality_id])


def insert_invitation(db, *, citizen_id, municipality_id, caseworker_id, kind, deadline, window_start,
                      window_end, prepare, at) -> int:
    return db.execute(
        "INSERT INTO booking_invitations (citizen_id, municipality_id, caseworker_id, kind, held_by, deadline,"
        " window_start, window_end, prepare, status, created_at, updated_at)"
        " VALUES (?,?,?,?, 'jobcenter', ?,?,?,?, 'open', ?, ?)",
        [citizen_id, municipality_id, caseworker_id, kind, deadline, window_start, window_end, prepare, at, at]
    ).lastrowid


def withdraw_invitation(db, invitation_id: int, at: str) -> None:
    db.execute("UPDATE booking_invitations SET status = 'withdrawn', updated_at = ? WHERE id = ? AND status = 'open'",
               [at, invitation_id])


def insert_summons(db, *, citizen_id, municipality_id, caseworker_id, kind, starts_at, ends_at, fmt, location,
                   video_url, phone_number, prepare, interpreter, uid, at) -> int:
    return db.execute(
        "INSERT INTO conversations (citizen_id, municipality_id, caseworker_id, held_by, kind, starts_at, ends_at,"
        " format, location, video_url, phone_number, status, summoned, prepare, interpreter, sequence, uid,"
        " created_at, updated_at) VALUES (?,?,?, 'jobcenter', ?,?,?,?,?,?,?, 'booked', 1, ?,?, 0, ?,?,?)",
        [citizen_id, municipality_id, caseworker_id, kind, starts_at, ends_at, fmt, location, video_url,
         phone_number, prepare, interpreter, uid, at, at]).lastrowid


def citizen_exemption(db, citizen_id: int, municipality_id: int):
    return _one(db, "SELECT id, self_booking_exempt_reason FROM citizens WHERE id = ? AND municipality_id = ?",
                [citizen_id, municipality_id])


def set_exemption(db, citizen_id: int, municipality_id: int, reason: str | None) -> int:
    return db.execute("UPDATE citizens SET self_booking_exempt_reason = ? WHERE id = ? AND municipality_id = ?",
                      [reason, citizen_id, municipality_id]).rowcount


def mark_held(db, conversation_id: int, summary: str, next_step: str | None, at: str, *,
              agreed_citizen: str | None = None, agreed_municipality: str | None = None,
              agreed_until: str | None = None) -> int:
    return db.execute("UPDATE conversations SET status = 'held', summary = ?, next_step = ?, agreed_citizen = ?,"
                      " agreed_municipality = ?, agreed_until = ?, updated_at = ? WHERE id = ? AND status = 'booked'",
                      [summary, next_step, agreed_citizen, agreed_municipality, agreed_until, at,
                       conversation_id]).rowcount


def mark_missed(db, conversation_id: int, at: str) -> int:
    return db.execute("UPDATE conversations SET status = 'missed', updated_at = ? WHERE id = ? AND status = 'booked'",
                      [at, conversation_id]).rowcount


def require_in_person(db, conversation_id: int, ground: str, note: str, at: str) -> int:
    return db.execute("UPDATE conversations SET in_person_ground = ?, in_person_note = ?, updated_at = ?"
                      " WHERE id = ? AND status = 'booked' AND in_person_ground IS NULL",
                      [ground, note, at, conversation_id]).rowcount


def interpreter_ordered(db, conversation_id: int, at: str) -> int:
    return db.execute("UPDATE conversations SET interpreter_ordered_at = ?, updated_at = ? WHERE id = ?"
                      " AND interpreter IS NOT NULL AND interpreter_ordered_at IS NULL",
                      [at, at, conversation_id]).rowcount


def set_plan_next_step(db, citizen_id: int, next_step: str, at: str) -> None:
    """The agreed next step from a held conversation is Min Plan's "Agreed next step"."""
    db.execute("INSERT INTO plans (citizen_id, next_step, updated_at) VALUES (?, ?, ?)"
               " ON CONFLICT(citizen_id) DO UPDATE SET next_step = excluded.next_step, updated_at = excluded.updated_at",
               [citizen_id, next_step, at])


# ------------------------------------------------------------------ format requests

_REQ = ("SELECT r.*, z.name AS citizen_name, c.starts_at, c.format AS current_format, c.kind, c.status AS"
        " conversation_status, c.in_person_ground, w.name AS decided_by_name FROM format_requests r"
        " JOIN citizens z ON z.id = r.citizen_id JOIN conversations c ON c.id = r.conversation_id"
        " LEFT JOIN caseworkers w ON w.id = r.decided_by")


def pending_requests(db, municipality_id: int):
    """The queue, oldest first."""
    return _rows(db, _REQ + " WHERE r.municipality_id = ? AND r.status = 'pending' ORDER BY r.created_at, r.id",
                 [municipality_id])


def pending_count(db, municipality_id: int) -> int:
    return db.execute("SELECT COUNT(*) FROM format_requests WHERE municipality_id = ? AND status = 'pending'",
                      [municipality_id]).fetchone()[0]


def decided_requests(db, municipality_id: int, limit: int = 10):
    return _rows(db, _REQ + " WHERE r.municipality_id = ? AND r.status IN ('approved', 'refused')"
                 " ORDER BY r.decided_at DESC, r.id DESC LIMIT ?", [municipality_id, limit])


def request_in_municipality(db, request_id: int, municipality_id: int):
    return _one(db, _REQ + " WHERE r.id = ? AND r.municipality_id = ?", [request_id, municipality_id])


def decide_request(db, request_id: int, *, status: str, caseworker_id: int, reason: str | None, at: str) -> int:
    return db.execute("UPDATE format_requests SET status = ?, decided_by = ?, decided_at = ?, decision_reason = ?"
                      " WHERE id = ? AND status = 'pending'", [status, caseworker_id, at, reason, request_id]).rowcount


# ------------------------------------------------------------------ published times

def slots_between(db, municipality_id: int, start: str, end: str):
    return _rows(db, "SELECT s.*, w.name AS caseworker_name, x.id AS conversation_id, z.id AS citizen_id,"
                 " z.name AS citizen_name FROM slots s LEFT JOIN caseworkers w ON w.id = s.caseworker_id"
                 " LEFT JOIN conversations x ON x.slot_id = s.id AND x.status IN ('booked', 'held')"
                 " LEFT JOIN citizens z ON z.id = x.citizen_id"
                 " WHERE s.municipality_id = ? AND s.starts_at >= ? AND s.starts_at < ? ORDER BY s.starts_at, s.id",
                 [municipality_id, start, end])


def insert_slot(db, *, municipality_id, caseworker_id, starts_at, ends_at, formats, location, at) -> int:
    return db.execute("INSERT INTO slots (municipality_id, caseworker_id, starts_at, ends_at, formats, location,"
                      " status, created_at) VALUES (?,?,?,?,?,?, 'open', ?)",
                      [municipality_id, caseworker_id, starts_at, ends_at, formats, location, at]).lastrowid


def withdraw_slot(db, slot_id: int, municipality_id: int) -> int:
    """Conditional: only an open time nobody holds is withdrawn."""
    return db.execute("UPDATE slots SET status = 'withdrawn' WHERE id = ? AND municipality_id = ? AND status = 'open'"
                      " AND NOT EXISTS (SELECT 1 FROM conversations x WHERE x.slot_id = slots.id"
                      " AND x.status IN ('booked', 'held'))", [slot_id, municipality_id]).rowcount


def slot_clash(db, municipality_id: int, caseworker_id: int, starts_at: str, ends_at: str) -> bool:
    return db.execute("SELECT 1 FROM slots WHERE municipality_id = ? AND caseworker_id = ? AND status = 'open'"
                      " AND starts_at < ? AND ends_at > ? LIMIT 1",
                      [municipality_id, caseworker_id, ends_at, starts_at]).fetchone() is not None


# ------------------------------------------------------------------ ratings, in aggregate only

def rating_counts(db, municipality_id: int, since: str) -> dict:
    return {r["rating"]: r["n"] for r in db.query(
        "SELECT rating, COUNT(*) AS n FROM conversations WHERE municipality_id = ? AND rating IS NOT NULL"
        " AND rated_at >= ? GROUP BY rating", [municipality_id, since])}


def rating_comments(db, municipality_id: int, since: str, limit: int = 10) -> list[str]:
    """Comment texts only, in alphabetical order: no name, date or rating that points to a person."""
    return [r["rating_comment"] for r in db.query(
        # The partial index of rated conversations (a comment comes only with a rating); without
        # the name SQLite took the municipality's cancellation index and read every conversation.
        "SELECT rating_comment FROM conversations INDEXED BY conversations_rated WHERE municipality_id = ?"
        " AND rating IS NOT NULL AND rating_comment IS NOT NULL AND rated_at >= ? ORDER BY rating_comment LIMIT ?", [municipality_id, since, limit])]
