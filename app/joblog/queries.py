"""SQL for the joblog."""
import json

ENTRY_FIELDS = ("kind", "employer", "job_title", "applied_on", "source", "note", "url", "status")


# ---------------------------------------------------------------- the requirement

def requirement_override(db, citizen_id: int):
    rows = list(db.query(
        "SELECT r.*, w.name AS set_by_name FROM joblog_requirements r"
        " LEFT JOIN caseworkers w ON w.id = r.set_by WHERE r.citizen_id = ?", [citizen_id]))
    return dict(rows[0]) if rows else None


def upsert_requirement(db, citizen_id: int, count: int, note: str | None, set_by: int, set_at: str):
    db.execute(
        "INSERT INTO joblog_requirements (citizen_id, count_per_period, note, set_by, set_at)"
        " VALUES (?,?,?,?,?) ON CONFLICT(citizen_id) DO UPDATE SET count_per_period = excluded.count_per_period,"
        " note = excluded.note, set_by = excluded.set_by, set_at = excluded.set_at",
        [citizen_id, count, note, set_by, set_at])


def delete_requirement(db, citizen_id: int):
    db.execute("DELETE FROM joblog_requirements WHERE citizen_id = ?", [citizen_id])


def requirement_changes(db, citizen_id: int) -> list[dict]:
    """Every logged change of the citizen's requirement, oldest first: (at, before, after)."""
    return [{"at": row["at"], "before": json.loads(row["before"]) if row["before"] else None,
             "after": json.loads(row["after"]) if row["after"] else None}
            for row in db.query(
                "SELECT at, before, after FROM audit_log WHERE citizen_id = ? AND action = 'set_joblog_requirement'"
                " ORDER BY at, id", [citizen_id])]


# ---------------------------------------------------------------- entries

def count_between(db, citizen_id: int, start: str, end: str) -> int:
    return db.execute(
        "SELECT COUNT(*) FROM joblog_entries WHERE citizen_id = ? AND applied_on BETWEEN ? AND ?",
        [citizen_id, start, end]).fetchone()[0]


def entries_for(db, citizen_id: int, limit: int = 50):
    return [dict(r) for r in db.query(
        "SELECT * FROM joblog_entries WHERE citizen_id = ? ORDER BY applied_on DESC, id DESC LIMIT ?",
        [citizen_id, limit])]


def entries_between(db, citizen_id: int, start: str, end: str) -> list[dict]:
    return [dict(r) for r in db.query(
        "SELECT * FROM joblog_entries WHERE citizen_id = ? AND applied_on BETWEEN ? AND ?"
        " ORDER BY applied_on DESC, id DESC", [citizen_id, start, end])]


def first_entry_date(db, citizen_id: int) -> str | None:
    return db.execute("SELECT MIN(applied_on) FROM joblog_entries WHERE citizen_id = ?",
                      [citizen_id]).fetchone()[0]


def matching_ids(db, citizen_id: int, *, kind: str | None = None, status: str | None = None,
                 text: str | None = None) -> set[int]:
    """Ids of the citizen's entries that pass the filter (kind, status, employer or title)."""
    where, params = ["citizen_id = ?"], [citizen_id]
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if status:
        where.append("status = ?")
        params.append(status)
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append("(employer LIKE ? ESCAPE '\\' OR job_title LIKE ? ESCAPE '\\')")
        params += [pattern, pattern]
    return {row[0] for row in db.execute(f"SELECT id FROM joblog_entries WHERE {' AND '.join(where)}", params)}


def all_entries(db, citizen_id: int) -> list[dict]:
    return [dict(r) for r in db.query(
        "SELECT * FROM joblog_entries WHERE citizen_id = ? ORDER BY applied_on DESC, id DESC", [citizen_id])]


def entry_for_citizen(db, entry_id: int, citizen_id: int) -> dict | None:
    """The entry only when it is this citizen's: anyone else's id is simply not found."""
    row = db.execute("SELECT * FROM joblog_entries WHERE id = ? AND citizen_id = ?",
                     [entry_id, citizen_id]).fetchone()
    return dict(row) if row else None


def insert_entry(db, citizen_id: int, values: dict, at: str) -> int:
    cursor = db.execute(
        "INSERT INTO joblog_entries (citizen_id, kind, employer, job_title, applied_on, source, note, url,"
        " status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [citizen_id, *(values[f] for f in ENTRY_FIELDS), at, at])
    return cursor.lastrowid


def update_entry(db, entry_id: int, values: dict, at: str) -> None:
    db.execute(
        "UPDATE joblog_entries SET kind = ?, employer = ?, job_title = ?, applied_on = ?, source = ?,"
        " note = ?, url = ?, status = ?, updated_at = ? WHERE id = ?",
        [*(values[f] for f in ENTRY_FIELDS), at, entry_id])


def delete_entry(db, entry_id: int) -> None:
    db.execute("DELETE FROM joblog_entries WHERE id = ?", [entry_id])


# ---------------------------------------------------------------- the caseworker's lists

def citizens_in_municipality(db, municipality_id: int, groups: tuple[str, ...]) -> list[dict]:
    """The municipality's citizens in the given target groups (those with a joblog duty)."""
    if not groups:
        return []
    marks = ",".join("?" * len(groups))
    return [dict(r) for r in db.query(
        f"SELECT id, name, target_group, group_since, municipality_id FROM citizens"
        f" WHERE municipality_id = ? AND target_group IN ({marks}) ORDER BY name, id",
        [municipality_id, *groups])]


def citizen_in_municipality(db, citizen_id: int, municipality_id: int) -> dict | None:
    """A citizen of this municipality, or None: another municipality's citizen is not found."""
    row = db.execute(
        "SELECT c.*, m.jobcenter_name FROM citizens c JOIN municipalities m ON m.id = c.municipality_id"
        " WHERE c.id = ? AND c.municipality_id = ?", [citizen_id, municipality_id]).fetchone()
    return dict(row) if row else None


def requirements_in_municipality(db, municipality_id: int) -> dict[int, dict]:
    """Every caseworker-set requirement in the municipality, by citizen id."""
    return {row["citizen_id"]: dict(row) for row in db.query(
        "SELECT r.*, w.name AS set_by_name FROM joblog_requirements r JOIN citizens c ON c.id = r.citizen_id"
        " LEFT JOIN caseworkers w ON w.id = r.set_by WHERE c.municipality_id = ?", [municipality_id])}


def requirement_changes_in_municipality(db, municipality_id: int) -> dict[int, list[dict]]:
    """Logged requirement changes of the municipality's citizens, oldest first, by citizen id."""
    found: dict[int, list[dict]] = {}
    for row in db.query(
            "SELECT citizen_id, at, before, after FROM audit_log WHERE action = 'set_joblog_requirement'"
            " AND municipality_id = ? ORDER BY at, id", [municipality_id]):
        found.setdefault(row["citizen_id"], []).append({
            "at": row["at"], "before": json.loads(row["before"]) if row["before"] else None,
            "after": json.loads(row["after"]) if row["after"] else None})
    return found


def citizens_with_counts(db, municipality_id: int, groups: tuple[str, ...], ranges: list[tuple[str, str]]):
    """The municipality's citizens in `groups`, each as a tuple (id, name, target_group,
    group_since, municipality_id, entries in range 1, entries in range 2, ...)."""
    if not groups:
        return []
    counts = "".join(", (SELECT COUNT(*) FROM joblog_entries j WHERE j.citizen_id = c.id"
                     " AND j.applied_on BETWEEN ? AND ?)" for _ in ranges)
    marks = ",".join("?" * len(groups))
    return db.execute(
        f"SELECT c.id, c.name, c.target_group, c.group_since, c.municipality_id{counts} FROM citizens c"
        f" WHERE c.municipality_id = ? AND c.target_group IN ({marks})",
        [*(d for r in ranges for d in r), municipality_id, *groups]).fetchall()
