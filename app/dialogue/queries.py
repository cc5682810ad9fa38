"""SQL for the dialogue: threads, messages, attachments, and the reads of other areas' tables a
new thread's "what is it about" list needs (conversations, activities)."""

_THREAD = ("SELECT t.*, c.name AS citizen_name FROM dialogue_threads t JOIN citizens c ON c.id = t.citizen_id")


def _one(db, sql, params):
    rows = [dict(r) for r in db.query(sql, params)]
    return rows[0] if rows else None


def municipality(db, municipality_id: int):
    return _one(db, "SELECT * FROM municipalities WHERE id = ?", [municipality_id])


# ---------------------------------------------------------------- threads
def insert_thread(db, *, citizen_id, municipality_id, subject, about_kind, about_id, about_ref, at) -> int:
    return db.execute(
        "INSERT INTO dialogue_threads (citizen_id, municipality_id, subject, about_kind, about_id, about_ref,"
        " status, waiting_since, last_message_at, created_at) VALUES (?,?,?,?,?,?, 'open', ?, ?, ?)",
        [citizen_id, municipality_id, subject, about_kind, about_id, about_ref, at, at, at]).lastrowid


def thread_for_citizen(db, thread_id: int, citizen_id: int):
    return _one(db, _THREAD + " WHERE t.id = ? AND t.citizen_id = ?", [thread_id, citizen_id])


def thread_in_municipality(db, thread_id: int, municipality_id: int):
    return _one(db, _THREAD + " WHERE t.id = ? AND t.municipality_id = ?", [thread_id, municipality_id])


def threads_for_citizen(db, citizen_id: int, limit: int = 50):
    """Newest activity first, with whether the citizen has an unread answer."""
    return [dict(r) for r in db.query(
        "SELECT t.*, (SELECT COUNT(*) FROM dialogue_messages m WHERE m.thread_id = t.id"
        "   AND m.author_type = 'caseworker' AND m.id > t.citizen_read_upto) AS unread"
        " FROM dialogue_threads t WHERE t.citizen_id = ? ORDER BY t.last_message_at DESC, t.id DESC LIMIT ?",
        [citizen_id, limit])]


def unread_threads_for_citizen(db, citizen_id: int) -> int:
    return db.execute(
        "SELECT COUNT(*) FROM dialogue_threads t WHERE t.citizen_id = ? AND EXISTS (SELECT 1 FROM dialogue_messages m"
        " WHERE m.thread_id = t.id AND m.author_type = 'caseworker' AND m.id > t.citizen_read_upto)",
        [citizen_id]).fetchone()[0]


def unanswered_count(db, municipality_id: int) -> int:
    return db.execute(
        "SELECT COUNT(*) FROM dialogue_threads WHERE municipality_id = ? AND status = 'open'"
        " AND waiting_since IS NOT NULL", [municipality_id]).fetchone()[0]


def queue(db, municipality_id: int, *, citizen_id: int | None = None, limit: int = 100):
    """Unanswered open threads, the longest waiting first; then the rest, newest first."""
    where, params = "t.municipality_id = ?", [municipality_id]
    if citizen_id is not None:
        where += " AND t.citizen_id = ?"
        params.append(citizen_id)
    return [dict(r) for r in db.query(
        "SELECT t.*, c.name AS citizen_name,"
        " (SELECT COUNT(*) FROM dialogue_messages m WHERE m.thread_id = t.id"
        "   AND m.author_type = 'citizen' AND m.id > t.municipality_read_upto) AS unread"
        f" FROM dialogue_threads t JOIN citizens c ON c.id = t.citizen_id WHERE {where}"
        " ORDER BY (t.status = 'open' AND t.waiting_since IS NOT NULL) DESC,"
        " CASE WHEN t.status = 'open' AND t.waiting_since IS NOT NULL THEN t.waiting_since END ASC,"
        " t.last_message_at DESC, t.id DESC LIMIT ?", [*params, limit])]


def touch_thread(db, thread_id: int, *, at: str, waiting_since: str | None, keep_waiting: bool) -> None:
    """A new message: the thread's last activity; who is waiting. A citizen's message keeps the
    oldest unanswered time (keep_waiting); a caseworker's answer clears it."""
    if keep_waiting:
        db.execute("UPDATE dialogue_threads SET last_message_at = ?, waiting_since = COALESCE(waiting_since, ?)"
                   " WHERE id = ?", [at, waiting_since, thread_id])
    else:
        db.execute("UPDATE dialogue_threads SET last_message_at = ?, waiting_since = NULL WHERE id = ?",
                   [at, thread_id])


def set_status(db, thread_id: int, status: str, *, at: str, by: int | None) -> int:
    if status == "closed":
        return db.execute("UPDATE dialogue_threads SET status = 'closed', closed_at = ?, closed_by = ?"
                          " WHERE id = ? AND status = 'open'", [at, by, thread_id]).rowcount
    return db.execute("UPDATE dialogue_threads SET status = 'open', closed_at = NULL, closed_by = NULL,"
                      " waiting_since = COALESCE(waiting_since, ?) WHERE id = ? AND status = 'closed'",
                      [at, thread_id]).rowcount


def mark_read(db, thread_id: int, side: str, upto: int) -> None:
    column = {"citizen": "citizen_read_upto", "municipality": "municipality_read_upto"}[side]
    db.execute(f"UPDATE dialogue_threads SET {column} = ? WHERE id = ? AND {column} < ?", [upto, thread_id, upto])


# ---------------------------------------------------------------- messages and attachments
def insert_message(db, *, thread_id, author_type, author_id, body, at) -> int:
    return db.execute("INSERT INTO dialogue_messages (thread_id, author_type, author_id, body, created_at)"
                      " VALUES (?,?,?,?,?)", [thread_id, author_type, author_id, body, at]).lastrowid


def messages(db, thread_id: int):
    return [dict(r) for r in db.query(
        "SELECT m.*, CASE m.author_type WHEN 'citizen' THEN c.name ELSE w.name END AS author_name"
        " FROM dialogue_messages m JOIN dialogue_threads t ON t.id = m.thread_id"
        " JOIN citizens c ON c.id = t.citizen_id"
        " LEFT JOIN caseworkers w ON m.author_type = 'caseworker' AND w.id = m.author_id"
        " WHERE m.thread_id = ? ORDER BY m.id", [thread_id])]


def insert_attachment(db, *, message_id, thread_id, filename, content_type, size, sha256, stored_name, at) -> int:
    return db.execute(
        "INSERT INTO dialogue_attachments (message_id, thread_id, filename, content_type, size, sha256, stored_name,"
        " created_at) VALUES (?,?,?,?,?,?,?,?)",
        [message_id, thread_id, filename, content_type, size, sha256, stored_name, at]).lastrowid


def attachments(db, thread_id: int):
    return [dict(r) for r in db.query("SELECT * FROM dialogue_attachments WHERE thread_id = ? ORDER BY id",
                                      [thread_id])]


def attachment(db, attachment_id: int, thread_id: int):
    return _one(db, "SELECT * FROM dialogue_attachments WHERE id = ? AND thread_id = ?", [attachment_id, thread_id])


# ---------------------------------------------------------------- what a thread can be about
def conversations_for(db, citizen_id: int, since: str):
    return [dict(r) for r in db.query(
        "SELECT id, kind, starts_at, status FROM conversations WHERE citizen_id = ? AND starts_at >= ?"
        " ORDER BY starts_at", [citizen_id, since])]


def conversation(db, conversation_id: int, citizen_id: int):
    return _one(db, "SELECT id, kind, starts_at FROM conversations WHERE id = ? AND citizen_id = ?",
                [conversation_id, citizen_id])


def activities_for(db, citizen_id: int):
    return [dict(r) for r in db.query(
        "SELECT id, title, status FROM activities WHERE citizen_id = ? AND status != 'cancelled' ORDER BY starts_on",
        [citizen_id])]


def activity(db, activity_id: int, citizen_id: int):
    return _one(db, "SELECT id, title FROM activities WHERE id = ? AND citizen_id = ?", [activity_id, citizen_id])
