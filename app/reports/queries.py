"""The SQL of the citizen's reports, and only here."""

COLUMNS = ("id, citizen_id, municipality_id, kind, from_date, to_date, status, rule_set, registered_at,"
           " fit_reported_at, decided_by, decided_at, decision_note")
# Reports that stand: a holiday the municipality did not agree to is kept for history only.
ACTIVE = "status IN ('registered', 'requested', 'agreed')"


def _rows(db, sql, params=()):
    return [dict(row) for row in db.execute(sql, params).fetchall()]


def for_citizen(db, citizen_id: int) -> list[dict]:
    return _rows(db, f"SELECT {COLUMNS} FROM absence_reports WHERE citizen_id = ?"
                     " ORDER BY from_date DESC, id DESC", [citizen_id])


def active_for_citizen(db, citizen_id: int) -> list[dict]:
    return _rows(db, f"SELECT {COLUMNS} FROM absence_reports WHERE citizen_id = ? AND {ACTIVE}"
                     " ORDER BY from_date, id", [citizen_id])


def report_for_citizen(db, report_id: int, citizen_id: int) -> dict | None:
    rows = _rows(db, f"SELECT {COLUMNS} FROM absence_reports WHERE id = ? AND citizen_id = ?",
                 [report_id, citizen_id])
    return rows[0] if rows else None


def report_in_municipality(db, report_id: int, municipality_id: int) -> dict | None:
    rows = _rows(db, f"SELECT {COLUMNS} FROM absence_reports WHERE id = ? AND municipality_id = ?",
                 [report_id, municipality_id])
    return rows[0] if rows else None


def open_sick(db, citizen_id: int) -> dict | None:
    rows = _rows(db, f"SELECT {COLUMNS} FROM absence_reports WHERE citizen_id = ? AND kind = 'sick'"
                     " AND to_date IS NULL AND status = 'registered' ORDER BY from_date DESC LIMIT 1", [citizen_id])
    return rows[0] if rows else None


def insert(db, *, citizen_id, municipality_id, kind, from_date, to_date, status, rule_set, at) -> int:
    cursor = db.execute(
        "INSERT INTO absence_reports (citizen_id, municipality_id, kind, from_date, to_date, status, rule_set,"
        " registered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [citizen_id, municipality_id, kind, from_date, to_date, status, rule_set, at])
    return cursor.lastrowid


def close_sick(db, report_id: int, to_date: str, at: str) -> int:
    return db.execute("UPDATE absence_reports SET to_date = ?, fit_reported_at = ? WHERE id = ? AND to_date IS NULL",
                      [to_date, at, report_id]).rowcount


def decide(db, report_id: int, status: str, caseworker_id: int, note: str | None, at: str) -> int:
    return db.execute("UPDATE absence_reports SET status = ?, decided_by = ?, decided_at = ?, decision_note = ?"
                      " WHERE id = ? AND status = 'requested'", [status, caseworker_id, note, at, report_id]).rowcount


def recent_in_municipality(db, municipality_id: int, since: str, limit: int) -> list[dict]:
    """Reports registered since `since`, and holidays still waiting for an answer, newest first."""
    return _rows(db, "SELECT r.id, r.citizen_id, r.kind, r.from_date, r.to_date, r.status, r.registered_at,"
                     " r.fit_reported_at, c.name AS citizen_name FROM absence_reports r"
                     " JOIN citizens c ON c.id = r.citizen_id"
                     " WHERE r.municipality_id = ? AND (r.registered_at >= ? OR r.fit_reported_at >= ?"
                     " OR r.status = 'requested')"
                     " ORDER BY (r.status = 'requested') DESC, COALESCE(r.fit_reported_at, r.registered_at) DESC"
                     " LIMIT ?", [municipality_id, since, since, limit])


def count_recent_in_municipality(db, municipality_id: int, since: str) -> int:
    return db.execute("SELECT COUNT(*) FROM absence_reports WHERE municipality_id = ? AND (registered_at >= ?"
                      " OR fit_reported_at >= ? OR status = 'requested')",
                      [municipality_id, since, since]).fetchone()[0]


def booked_conversations_between(db, citizen_id: int, start_utc: str, end_utc: str | None) -> list[dict]:
    """Booked conversations starting in [start, end) (UTC text); no end: all from start."""
    if end_utc is None:
        return _rows(db, "SELECT id, starts_at, held_by, kind, format, summoned FROM conversations"
                         " WHERE citizen_id = ? AND status = 'booked' AND starts_at >= ? ORDER BY starts_at",
                     [citizen_id, start_utc])
    return _rows(db, "SELECT id, starts_at, held_by, kind, format, summoned FROM conversations"
                     " WHERE citizen_id = ? AND status = 'booked' AND starts_at >= ? AND starts_at < ?"
                     " ORDER BY starts_at", [citizen_id, start_utc, end_utc])


def covering(db, citizen_id: int, kinds: tuple[str, ...], start: str, end: str) -> list[dict]:
    """Reports in force (registered or agreed) of the kinds that overlap [start, end]."""
    if not kinds:
        return []
    marks = ",".join("?" for _ in kinds)
    return _rows(db, f"SELECT {COLUMNS} FROM absence_reports WHERE citizen_id = ? AND kind IN ({marks})"
                     " AND status IN ('registered', 'agreed') AND from_date <= ?"
                     " AND (to_date IS NULL OR to_date >= ?) ORDER BY from_date",
                 [citizen_id, *kinds, end, start])


def citizens_with_reports_in_force(db, municipality_id: int) -> set[int]:
    return {row[0] for row in db.execute(
        "SELECT DISTINCT citizen_id FROM absence_reports WHERE municipality_id = ?"
        " AND status IN ('registered', 'agreed')", [municipality_id]).fetchall()}
