"""SQL for the sick-leave follow-up: cases, the information form, status answers, requests."""

FOLLOWUP_KINDS = ("followup_first", "followup")
_KINDS_SQL = "('followup_first', 'followup')"


def _one(db, sql, params):
    rows = [dict(r) for r in db.query(sql, params)]
    return rows[0] if rows else None


# ------------------------------------------------------------------ cases and forms
def case_for_citizen(db, citizen_id: int):
    return _one(db, "SELECT * FROM sick_cases WHERE citizen_id = ?", [citizen_id])


def form_for_case(db, case_id: int):
    return _one(db, "SELECT * FROM sick_info_forms WHERE case_id = ?", [case_id])


def insert_case(db, *, citizen_id, municipality_id, first_sick_day, employment_status, now) -> int:
    return db.execute(
        "INSERT INTO sick_cases (citizen_id, municipality_id, first_sick_day, employment_status, created_at,"
        " updated_at) VALUES (?,?,?,?,?,?)",
        [citizen_id, municipality_id, first_sick_day, employment_status, now, now]).lastrowid


def insert_form(db, *, case_id, citizen_id, sent_at, sent_by) -> int:
    return db.execute(
        "INSERT INTO sick_info_forms (case_id, citizen_id, sent_at, sent_by) VALUES (?,?,?,?)",
        [case_id, citizen_id, sent_at, sent_by]).lastrowid


def save_answers(db, form_id: int, answers_json: str, now: str) -> None:
    db.execute("UPDATE sick_info_forms SET answers = ?, saved_at = ? WHERE id = ?", [answers_json, now, form_id])


def mark_submitted(db, form_id: int, now: str) -> None:
    db.execute("UPDATE sick_info_forms SET submitted_at = ?, saved_at = ? WHERE id = ?", [now, now, form_id])


CASE_FIELDS = ("first_sick_day", "employment_status", "partial", "partial_hours", "partial_from",
               "expected_duration", "expected_return_on", "return_within", "employer_return_within",
               "employer_knows", "wants_help", "predictable_course",
               "note", "retention_plan_requested_by", "retention_plan_status", "retention_plan_note",
               "full_return_on", "return_registered_at")


def update_case(db, case_id: int, values: dict, now: str) -> None:
    unknown = set(values) - set(CASE_FIELDS)
    if unknown:
        raise ValueError(f"unknown case fields {unknown}")
    if not values:
        return
    sets = ", ".join(f"{name} = ?" for name in values)
    db.execute(f"UPDATE sick_cases SET {sets}, updated_at = ? WHERE id = ?", [*values.values(), now, case_id])


def update_citizen_sick_facts(db, citizen_id: int, employment_status: str | None, within: bool, now: str) -> None:
    db.execute("UPDATE citizens SET employment_status = ?, expected_return_within_26_weeks = ?, updated_at = ?"
               " WHERE id = ?", [employment_status, int(within), now, citizen_id])


# ------------------------------------------------------------------ follow-up conversations
_CONV = ("SELECT c.*, w.name AS caseworker_name, a.id AS answers_id, a.answered_at AS answered_at"
         " FROM conversations c LEFT JOIN caseworkers w ON w.id = c.caseworker_id"
         " LEFT JOIN followup_status_answers a ON a.conversation_id = c.id")


def upcoming_followups(db, citizen_id: int, now: str):
    return [dict(r) for r in db.query(
        _CONV + f" WHERE c.citizen_id = ? AND c.kind IN {_KINDS_SQL} AND c.status = 'booked' AND c.ends_at > ?"
        " ORDER BY c.starts_at", [citizen_id, now])]


def held_followups(db, citizen_id: int):
    return [dict(r) for r in db.query(
        _CONV + f" WHERE c.citizen_id = ? AND c.kind IN {_KINDS_SQL} AND c.status = 'held'"
        " ORDER BY c.starts_at DESC", [citizen_id])]


def followup_for_citizen(db, conversation_id: int, citizen_id: int):
    return _one(db, _CONV + f" WHERE c.id = ? AND c.citizen_id = ? AND c.kind IN {_KINDS_SQL}",
                [conversation_id, citizen_id])


def followup_in_municipality(db, conversation_id: int, municipality_id: int):
    return _one(db, _CONV + f" WHERE c.id = ? AND c.municipality_id = ? AND c.kind IN {_KINDS_SQL}",
                [conversation_id, municipality_id])


def to_hold(db, citizen_id: int, now: str):
    """Booked follow-ups that have started: the caseworker can mark them held."""
    return [dict(r) for r in db.query(
        _CONV + f" WHERE c.citizen_id = ? AND c.kind IN {_KINDS_SQL} AND c.status = 'booked' AND c.starts_at <= ?"
        " ORDER BY c.starts_at", [citizen_id, now])]


def mark_held(db, conversation_id: int, summary: str, next_step: str | None, now: str) -> None:
    db.execute("UPDATE conversations SET status = 'held', summary = ?, next_step = ?, updated_at = ?"
               " WHERE id = ?", [summary, next_step, now, conversation_id])


# ------------------------------------------------------------------ status answers
def mark_kept(db, conversation_id: int, now: str) -> None:
    db.execute("UPDATE conversations SET followup_kept_at = ?, updated_at = ? WHERE id = ? AND followup_kept_at IS NULL",
               [now, now, conversation_id])


def answers_for(db, conversation_id: int):
    return _one(db, "SELECT * FROM followup_status_answers WHERE conversation_id = ?", [conversation_id])


def upsert_answers(db, *, conversation_id, citizen_id, municipality_id, values: dict, now: str) -> None:
    db.execute(
        "INSERT INTO followup_status_answers (conversation_id, citizen_id, municipality_id, wellbeing, treatment,"
        " treatment_note, expected_return_on, partial_possible, what_would_help, answered_at, updated_at)"
        " VALUES (:conversation_id, :citizen_id, :municipality_id, :wellbeing, :treatment, :treatment_note,"
        " :expected_return_on, :partial_possible, :what_would_help, :now, :now)"
        " ON CONFLICT (conversation_id) DO UPDATE SET wellbeing = excluded.wellbeing,"
        " treatment = excluded.treatment, treatment_note = excluded.treatment_note,"
        " expected_return_on = excluded.expected_return_on, partial_possible = excluded.partial_possible,"
        " what_would_help = excluded.what_would_help, updated_at = excluded.updated_at",
        dict(values, conversation_id=conversation_id, citizen_id=citizen_id, municipality_id=municipality_id,
             now=now))


# ------------------------------------------------------------------ requests for a conversation
def open_request(db, citizen_id: int):
    return _one(db, "SELECT * FROM followup_requests WHERE citizen_id = ? AND status = 'open'", [citizen_id])


def request_by_id(db, request_id: int):
    return _one(db, "SELECT * FROM followup_requests WHERE id = ?", [request_id])


def insert_request(db, *, citizen_id, municipality_id, topic, preferred_format, now) -> int:
    return db.execute(
        "INSERT INTO followup_requests (citizen_id, municipality_id, topic, preferred_format, status, created_at)"
        " VALUES (?,?,?,?, 'open', ?)", [citizen_id, municipality_id, topic, preferred_format, now]).lastrowid


def mark_request_handled(db, request_id: int, caseworker_id: int, now: str) -> None:
    db.execute("UPDATE followup_requests SET status = 'handled', handled_at = ?, handled_by = ? WHERE id = ?",
               [now, caseworker_id, request_id])


# ------------------------------------------------------------------ the caseworker's queue
_CITIZEN = ("SELECT c.*, m.name AS municipality_name, m.jobcenter_name, m.phone AS municipality_phone FROM citizens c"
            " JOIN municipalities m ON m.id = c.municipality_id")


# Only the given citizens (a JSON list of ids): the few the I dag panel lists (app/followup/watch.py).
_ONLY = " IN (SELECT value FROM json_each(?))"


def citizens_in_groups(db, municipality_id: int, groups: list[str], only: str | None = None):
    if not groups:
        return []
    marks = ",".join("?" * len(groups))
    where = (" AND c.id" + _ONLY) if only is not None else ""
    return [dict(r) for r in db.query(
        _CITIZEN + f" WHERE c.municipality_id = ? AND c.target_group IN ({marks}){where} ORDER BY c.name",
        [municipality_id, *groups, *([only] if only is not None else [])])]


def cases_in_municipality(db, municipality_id: int, only: str | None = None):
    if only is not None:
        return [dict(r) for r in db.query("SELECT * FROM sick_cases WHERE municipality_id = ? AND citizen_id" + _ONLY,
                                          [municipality_id, only])]
    return [dict(r) for r in db.query("SELECT * FROM sick_cases WHERE municipality_id = ?", [municipality_id])]


def forms_in_municipality(db, municipality_id: int, only: str | None = None):
    if only is not None:
        # From the listed ids outwards (CROSS JOIN keeps that order), not the forms of the municipality.
        return [dict(r) for r in db.query(
            "SELECT f.* FROM json_each(?) j CROSS JOIN sick_cases s ON s.citizen_id = j.value"
            " CROSS JOIN sick_info_forms f ON f.case_id = s.id WHERE s.municipality_id = ?", [only, municipality_id])]
    return [dict(r) for r in db.query(
        "SELECT f.* FROM sick_info_forms f JOIN sick_cases s ON s.id = f.case_id WHERE s.municipality_id = ?",
        [municipality_id])]


def held_stats(db, municipality_id: int, only: str | None = None):
    """Per citizen: how many follow-ups are held, and when the latest was. One kind at a time, so
    SQLite uses the (municipality, kind, status) index instead of all the municipality's conversations."""
    stats = {}
    for kind in FOLLOWUP_KINDS:
        if only is not None:  # each citizen's own conversations, through (citizen_id, starts_at)
            rows = db.query("SELECT citizen_id, COUNT(*) AS n, MAX(starts_at) AS latest FROM conversations"
                            " WHERE citizen_id" + _ONLY + " AND municipality_id = ? AND kind = ? AND status = 'held'"
                            " GROUP BY citizen_id", [only, municipality_id, kind])
        else:
            rows = db.query("SELECT citizen_id, COUNT(*) AS n, MAX(starts_at) AS latest FROM conversations"
                            " WHERE municipality_id = ? AND kind = ? AND status = 'held' GROUP BY citizen_id",
                            [municipality_id, kind])
        for r in rows:
            seen = stats.setdefault(r["citizen_id"], {"citizen_id": r["citizen_id"], "n": 0, "latest": ""})
            seen["n"] += r["n"]
            seen["latest"] = max(seen["latest"], r["latest"])
    return list(stats.values())


def citizen_in_municipality(db, citizen_id: int, municipality_id: int):
    """Scoped by municipality: another municipality's citizen is simply not found."""
    return _one(db, _CITIZEN + " WHERE c.id = ? AND c.municipality_id = ?", [citizen_id, municipality_id])


def upcoming_in_municipality(db, municipality_id: int, now: str, only: str | None = None):
    sql = _CONV.replace(" FROM conversations c", ", ci.name AS citizen_name FROM conversations c"
                        " JOIN citizens ci ON ci.id = c.citizen_id")
    where = (" AND c.citizen_id" + _ONLY) if only is not None else ""
    rows = [dict(r) for kind in FOLLOWUP_KINDS for r in db.query(
        sql + f" WHERE c.municipality_id = ? AND c.kind = ? AND c.status = 'booked' AND c.ends_at > ?{where}",
        [municipality_id, kind, now, *([only] if only is not None else [])])]
    return sorted(rows, key=lambda row: row["starts_at"])


def open_requests(db, municipality_id: int):
    return [dict(r) for r in db.query(
        "SELECT r.*, c.name AS citizen_name FROM followup_requests r JOIN citizens c ON c.id = r.citizen_id"
        " WHERE r.municipality_id = ? AND r.status = 'open' ORDER BY r.created_at", [municipality_id])]


def digital_first_requests(db, municipality_id: int):
    """Pending wishes to hold a first follow-up by phone or video (decided in the conversations area)."""
    return [dict(r) for r in db.query(
        "SELECT r.*, c.name AS citizen_name, v.starts_at FROM format_requests r"
        " JOIN conversations v ON v.id = r.conversation_id JOIN citizens c ON c.id = r.citizen_id"
        " WHERE r.municipality_id = ? AND r.status = 'pending' AND v.kind = 'followup_first'"
        " ORDER BY r.created_at", [municipality_id])]
