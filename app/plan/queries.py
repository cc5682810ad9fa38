"""SQL for Min Plan: goals and activities."""


def plan_for(db, citizen_id: int):
    rows = [dict(r) for r in db.query("SELECT * FROM plans WHERE citizen_id = ?", [citizen_id])]
    return rows[0] if rows else None


def goals_for(db, citizen_id: int):
    return [dict(r) for r in db.query(
        "SELECT g.* FROM goals g JOIN plans p ON p.id = g.plan_id WHERE p.citizen_id = ?"
        " ORDER BY g.kind DESC, g.position, g.id", [citizen_id])]


def activities_for(db, citizen_id: int):
    # Ongoing first, then planned, then the finished ones, newest first.
    return [dict(r) for r in db.query(
        "SELECT * FROM activities WHERE citizen_id = ? ORDER BY"
        " CASE status WHEN 'active' THEN 0 WHEN 'planned' THEN 1 ELSE 2 END,"
        " COALESCE(starts_on, '') DESC, id", [citizen_id])]


# ------------------------------------------------------------------ exemptions from the contact course
def live_exemption(db, citizen_id: int):
    """The citizen's exemption that has not been ended (it may lie in the past or the future)."""
    rows = [dict(r) for r in db.query(
        "SELECT e.*, w.name AS set_by_name FROM contact_exemptions e LEFT JOIN caseworkers w ON w.id = e.set_by"
        " WHERE e.citizen_id = ? AND e.ended_at IS NULL ORDER BY e.id DESC LIMIT 1", [citizen_id])]
    return rows[0] if rows else None


def insert_exemption(db, *, citizen_id: int, municipality_id: int, covers: str, reason: str, note: str | None,
                     from_date: str, to_date: str, set_by: int, at: str) -> int:
    return db.execute(
        "INSERT INTO contact_exemptions (citizen_id, municipality_id, covers, reason, note, from_date, to_date,"
        " set_by, set_at) VALUES (?,?,?,?,?,?,?,?,?)",
        [citizen_id, municipality_id, covers, reason, note, from_date, to_date, set_by, at]).lastrowid


def end_exemption(db, exemption_id: int, ended_by: int, at: str) -> int:
    return db.execute("UPDATE contact_exemptions SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL",
                      [at, ended_by, exemption_id]).rowcount


def exemption_share(db, municipality_id: int, groups: list[str], today: str) -> tuple[int, int]:
    """(citizens exempted today, citizens) among the municipality's citizens in `groups`."""
    if not groups:
        return 0, 0
    marks = ",".join("?" * len(groups))
    # Kept up to date on write (migration 0021): a few rows, not a count of the municipality.
    total = db.execute(f"SELECT COALESCE(SUM(citizens), 0) FROM citizen_group_counts"
                       f" WHERE municipality_id = ? AND target_group IN ({marks})",
                       [municipality_id, *groups]).fetchone()[0]
    exempted = db.execute(
        f"SELECT COUNT(DISTINCT e.citizen_id) FROM contact_exemptions e JOIN citizens c ON c.id = e.citizen_id"
        f" WHERE e.municipality_id = ? AND e.ended_at IS NULL AND e.from_date <= ? AND e.to_date >= ?"
        f" AND c.target_group IN ({marks})", [municipality_id, today, today, *groups]).fetchone()[0]
    return exempted, total
