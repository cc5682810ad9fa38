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
