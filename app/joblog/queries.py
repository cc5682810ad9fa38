"""SQL for the joblog."""


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


def count_between(db, citizen_id: int, start: str, end: str) -> int:
    return db.execute(
        "SELECT COUNT(*) FROM joblog_entries WHERE citizen_id = ? AND applied_on BETWEEN ? AND ?",
        [citizen_id, start, end]).fetchone()[0]


def entries_for(db, citizen_id: int, limit: int = 50):
    return [dict(r) for r in db.query(
        "SELECT * FROM joblog_entries WHERE citizen_id = ? ORDER BY applied_on DESC, id DESC LIMIT ?",
        [citizen_id, limit])]
