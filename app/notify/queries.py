"""SQL for notify: the outbox, in-app notices, opt-outs, the audit cursor, and the reads of
other areas' tables (conversations, booking invitations, citizens) the sweep needs."""

# ---------------------------------------------------------------- cursor
def audit_cursor(db) -> int:
    row = db.execute("SELECT value FROM notify_state WHERE name = 'audit_cursor'").fetchone()
    return int(row["value"]) if row else 0


def set_audit_cursor(db, value: int) -> None:
    """The cursor only moves forward (a slower sweep cannot move it back)."""
    db.execute("INSERT INTO notify_state (name, value) VALUES ('audit_cursor', ?)"
               " ON CONFLICT(name) DO UPDATE SET value ="
               " CAST(MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)", [str(value)])


def audit_after(db, cursor: int, limit: int):
    return [dict(r) for r in db.query(
        "SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT ?", [cursor, limit])]


def occurrence_armed_at(db, citizen_id: int, conversation_id: int) -> str | None:
    """When the conversation got its present time: the latest booking, rebooking or summons."""
    row = db.execute(
        "SELECT MAX(at) FROM audit_log WHERE citizen_id = ? AND entity = 'conversation' AND entity_id = ?"
        " AND action IN ('conversation_booked', 'conversation_rebooked', 'conversation_summoned')",
        [citizen_id, conversation_id]).fetchone()
    return row[0]


# ---------------------------------------------------------------- what the sweep reads
_CITIZEN = ("SELECT c.*, m.jobcenter_name, m.phone AS jobcenter_phone, m.address AS jobcenter_address,"
            " m.opening_hours AS jobcenter_hours"
            " FROM citizens c JOIN municipalities m ON m.id = c.municipality_id")


def citizen(db, citizen_id: int):
    rows = [dict(r) for r in db.query(_CITIZEN + " WHERE c.id = ?", [citizen_id])]
    return rows[0] if rows else None


def all_citizens(db):
    return [dict(r) for r in db.query(_CITIZEN + " ORDER BY c.id")]


def joblog_reminder_candidates(db, group: str, start: str, end: str, default_count: int) -> list[tuple]:
    """The citizens of `group` who may be due a joblog reminder for the period start..end, as
    (citizen, entries in the period, whether a caseworker set a number of their own, now or
    before): those with fewer entries than the rules' number, and all with a number of their own
    (it may be higher)."""
    found = []
    for row in db.query(
            "SELECT * FROM (SELECT c.*, m.jobcenter_name, m.phone AS jobcenter_phone, m.address AS jobcenter_address,"
            " (SELECT COUNT(*) FROM joblog_entries e WHERE e.citizen_id = c.id AND e.applied_on BETWEEN ? AND ?) AS _registered,"
            " (EXISTS (SELECT 1 FROM joblog_requirements r WHERE r.citizen_id = c.id)"
            "  OR EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'set_joblog_requirement' AND a.citizen_id = c.id)) AS _own"
            " FROM citizens c JOIN municipalities m ON m.id = c.municipality_id WHERE c.target_group = ?)"
            " WHERE _own OR _registered < ? ORDER BY id", [start, end, group, default_count]):
        citizen = dict(row)
        registered, own = citizen.pop("_registered"), citizen.pop("_own")
        found.append((citizen, registered, bool(own)))
    return found


def opted_out_citizens(db, reminder: str) -> set[int]:
    return {r[0] for r in db.execute("SELECT citizen_id FROM notify_optouts WHERE reminder = ?", [reminder])}


def conversation(db, conversation_id: int):
    rows = [dict(r) for r in db.query("SELECT * FROM conversations WHERE id = ?", [conversation_id])]
    return rows[0] if rows else None


def booked_conversations_starting(db, after: str, until: str):
    return [dict(r) for r in db.query(
        "SELECT * FROM conversations WHERE status = 'booked' AND starts_at > ? AND starts_at <= ?"
        " ORDER BY starts_at", [after, until])]


def invitation(db, invitation_id: int):
    rows = [dict(r) for r in db.query("SELECT * FROM booking_invitations WHERE id = ?", [invitation_id])]
    return rows[0] if rows else None


def open_invitations(db, from_day: str):
    return [dict(r) for r in db.query(
        "SELECT * FROM booking_invitations WHERE status = 'open' AND deadline >= ? ORDER BY deadline",
        [from_day])]


def optouts(db, citizen_id: int) -> set[str]:
    return {r["reminder"] for r in db.query(
        "SELECT reminder FROM notify_optouts WHERE citizen_id = ?", [citizen_id])}


# ---------------------------------------------------------------- outbox
def existing_keys(db, keys: list[str]) -> set[str]:
    found = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        found.update(r["key"] for r in db.query(
            f"SELECT key FROM notify_outbox WHERE key IN ({','.join('?' * len(chunk))})", chunk))
    return found


def insert_outbox(db, row: dict) -> bool:
    """INSERT OR IGNORE: a key already there (sent, dropped or pending) is left as it is."""
    columns = ", ".join(row)
    cursor = db.execute(f"INSERT OR IGNORE INTO notify_outbox ({columns}) VALUES ({','.join('?' * len(row))})",
                        list(row.values()))
    return cursor.rowcount == 1


# A row is open (may be worked on) while pending, or while 'sending' once its claim has run
# out: next_attempt_at is then the claim's end (the sweep that claimed it died mid-way).
_OPEN = "status IN ('pending', 'sending')"


def due_outbox(db, now: str, limit: int):
    """Pending rows due now, and 'sending' rows whose claim has run out."""
    return [dict(r) for r in db.query(
        f"SELECT * FROM notify_outbox WHERE {_OPEN} AND next_attempt_at <= ?"
        " ORDER BY next_attempt_at, id LIMIT ?", [now, limit])]


def mark_sent(db, outbox_id: int, at: str, recipient: str | None) -> bool:
    """In-app: only a row still pending is marked; the caller writes the notice in the same transaction."""
    cursor = db.execute(
        "UPDATE notify_outbox SET status = 'sent', sent_at = ?, recipient = ?, attempts = attempts + 1,"
        " last_error = NULL WHERE id = ? AND status = 'pending'", [at, recipient, outbox_id])
    return cursor.rowcount == 1


def claim(db, outbox_id: int, *, now: str, stamp: str, until: str, recipient: str | None) -> bool:
    """Claim a row for a hand-over to e-mail or SMS: 'sending' until `until`. Only a pending row
    due now, or a 'sending' row whose claim has run out, can be claimed; False if someone else has it."""
    cursor = db.execute(
        "UPDATE notify_outbox SET status = 'sending', claimed_at = ?, next_attempt_at = ?, recipient = ?,"
        f" attempts = attempts + 1 WHERE id = ? AND {_OPEN} AND next_attempt_at <= ?",
        [stamp, until, recipient, outbox_id, now])
    return cursor.rowcount == 1


def mark_handed_over(db, outbox_id: int, stamp: str, at: str) -> bool:
    """The claim `stamp` was handed over: sent. False if the claim was lost meanwhile."""
    cursor = db.execute(
        "UPDATE notify_outbox SET status = 'sent', sent_at = ?, last_error = NULL"
        " WHERE id = ? AND status = 'sending' AND claimed_at = ?", [at, outbox_id, stamp])
    return cursor.rowcount == 1


def release(db, outbox_id: int, stamp: str, next_attempt_at: str) -> None:
    """Give a claim back without a hand-over (the process is stopping): pending again."""
    db.execute("UPDATE notify_outbox SET status = 'pending', next_attempt_at = ?"
               " WHERE id = ? AND status = 'sending' AND claimed_at = ?", [next_attempt_at, outbox_id, stamp])


def mark_dropped(db, outbox_id: int, reason: str) -> None:
    db.execute(f"UPDATE notify_outbox SET status = 'dropped', last_error = ? WHERE id = ? AND {_OPEN}",
               [reason, outbox_id])


def mark_retry(db, outbox_id: int, attempts: int, next_attempt_at: str, error: str) -> None:
    db.execute("UPDATE notify_outbox SET status = 'pending', attempts = ?, next_attempt_at = ?, last_error = ?"
               f" WHERE id = ? AND {_OPEN}", [attempts, next_attempt_at, error[:500], outbox_id])


def mark_failed(db, outbox_id: int, attempts: int, error: str) -> None:
    db.execute("UPDATE notify_outbox SET status = 'failed', attempts = ?, last_error = ?"
               f" WHERE id = ? AND {_OPEN}", [attempts, error[:500], outbox_id])


def postpone(db, outbox_id: int, until: str) -> None:
    db.execute(f"UPDATE notify_outbox SET status = 'pending', next_attempt_at = ? WHERE id = ? AND {_OPEN}",
               [until, outbox_id])


def outbox_for_citizen(db, citizen_id: int, limit: int = 10):
    return [dict(r) for r in db.query(
        "SELECT * FROM notify_outbox WHERE citizen_id = ? AND status != 'dropped'"
        " ORDER BY created_at DESC, id DESC LIMIT ?", [citizen_id, limit])]


def failed_in_municipality(db, municipality_id: int, since: str, limit: int = 20):
    return [dict(r) for r in db.query(
        "SELECT o.id, o.kind, o.channel, o.created_at, o.last_error, c.id AS citizen_id, c.name"
        " FROM notify_outbox o JOIN citizens c ON c.id = o.citizen_id"
        " WHERE c.municipality_id = ? AND o.status = 'failed' AND o.created_at >= ?"
        " ORDER BY o.created_at DESC LIMIT ?", [municipality_id, since, limit])]


# ---------------------------------------------------------------- in-app notices
def insert_notice(db, *, citizen_id: int, outbox_id: int | None, kind: str, params: str, created_at: str) -> int:
    return db.execute(
        "INSERT INTO notices (citizen_id, outbox_id, kind, params, created_at) VALUES (?,?,?,?,?)",
        [citizen_id, outbox_id, kind, params, created_at]).lastrowid


def unread_count(db, citizen_id: int) -> int:
    return db.execute("SELECT COUNT(*) FROM notices WHERE citizen_id = ? AND read_at IS NULL",
                      [citizen_id]).fetchone()[0]


def notices_for(db, citizen_id: int, limit: int, offset: int = 0):
    return [dict(r) for r in db.query(
        "SELECT * FROM notices WHERE citizen_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
        [citizen_id, limit, offset])]


def count_notices(db, citizen_id: int) -> int:
    return db.execute("SELECT COUNT(*) FROM notices WHERE citizen_id = ?", [citizen_id]).fetchone()[0]


def notice_for(db, notice_id: int, citizen_id: int):
    rows = [dict(r) for r in db.query("SELECT * FROM notices WHERE id = ? AND citizen_id = ?",
                                      [notice_id, citizen_id])]
    return rows[0] if rows else None


def mark_read(db, notice_id: int, at: str) -> None:
    db.execute("UPDATE notices SET read_at = ? WHERE id = ? AND read_at IS NULL", [at, notice_id])


# ---------------------------------------------------------------- settings
def update_contact(db, citizen_id: int, *, language, email, phone, notify_email, notify_sms, updated_at) -> None:
    db.execute(
        "UPDATE citizens SET preferred_language = ?, email = ?, phone = ?, notify_email = ?, notify_sms = ?,"
        " updated_at = ? WHERE id = ?",
        [language, email, phone, int(notify_email), int(notify_sms), updated_at, citizen_id])


def set_optout(db, citizen_id: int, reminder: str, opted_out: bool, at: str) -> None:
    if opted_out:
        db.execute("INSERT OR IGNORE INTO notify_optouts (citizen_id, reminder, created_at) VALUES (?,?,?)",
                   [citizen_id, reminder, at])
    else:
        db.execute("DELETE FROM notify_optouts WHERE citizen_id = ? AND reminder = ?", [citizen_id, reminder])


# ---------------------------------------------------------------- the citizen's data, for download
EXPORT_TABLES = (
    ("conversations", "SELECT * FROM conversations WHERE citizen_id = ? ORDER BY starts_at"),
    ("booking_invitations", "SELECT * FROM booking_invitations WHERE citizen_id = ? ORDER BY created_at"),
    ("format_requests", "SELECT * FROM format_requests WHERE citizen_id = ? ORDER BY created_at"),
    ("joblog_entries", "SELECT * FROM joblog_entries WHERE citizen_id = ? ORDER BY applied_on"),
    ("joblog_requirement", "SELECT count_per_period, note, set_at FROM joblog_requirements WHERE citizen_id = ?"),
    ("activities", "SELECT * FROM activities WHERE citizen_id = ? ORDER BY starts_on"),
    ("goals", "SELECT g.kind, g.title, g.note FROM goals g JOIN plans p ON p.id = g.plan_id"
              " WHERE p.citizen_id = ? ORDER BY g.position"),
    ("plan", "SELECT next_step, updated_at FROM plans WHERE citizen_id = ?"),
    ("notices", "SELECT id, kind, params, created_at, read_at FROM notices WHERE citizen_id = ? ORDER BY id"),
    ("messages_sent", "SELECT kind, channel, status, created_at, sent_at FROM notify_outbox"
                      " WHERE citizen_id = ? ORDER BY id"),
    ("reminders_switched_off", "SELECT reminder, created_at FROM notify_optouts WHERE citizen_id = ?"),
    ("message_threads", "SELECT id, subject, about_kind, about_id, about_ref, status, created_at, closed_at"
                        " FROM dialogue_threads WHERE citizen_id = ? ORDER BY id"),
    ("messages", "SELECT m.thread_id, m.author_type, m.body, m.created_at FROM dialogue_messages m"
                 " JOIN dialogue_threads t ON t.id = m.thread_id WHERE t.citizen_id = ? ORDER BY m.id"),
    ("message_attachments", "SELECT a.thread_id, a.filename, a.content_type, a.size, a.created_at"
                            " FROM dialogue_attachments a JOIN dialogue_threads t ON t.id = a.thread_id"
                            " WHERE t.citizen_id = ? ORDER BY a.id"),
    ("history", "SELECT at, actor_type, action, entity, entity_id, before, after FROM audit_log"
                " WHERE citizen_id = ? ORDER BY id"),
)


def export_rows(db, sql: str, citizen_id: int) -> list[dict]:
    return [dict(r) for r in db.query(sql, [citizen_id])]
