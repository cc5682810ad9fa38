"""SQL for Min Plan: goals and activities."""


def plan_for(db, citizen_id: int):
    rows = [dict(r) for r in db.query("SELECT * FROM plans WHERE citizen_id = ?", [citizen_id])]
    return rows[0] if rows else None


def goals_for(db, citizen_id: int):
    return [dict(r) for r in db.query(
        "SELECT g.* FROM goals g JOIN plans p ON p.id = g.plan_id WHERE p.citizen_id = ?"
        " ORDER BY g.status = 'ended', g.kind DESC, g.position, g.id", [citizen_id])]


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


# ------------------------------------------------------------------ the plan written by the caseworker
GOAL_FIELDS = ("kind", "title", "note", "status", "ended_on")
ACTIVITY_FIELDS = ("kind", "title", "provider", "status", "starts_on", "ends_on", "expected_weeks",
                   "hours_per_week", "note", "cancel_reason", "extended")


def ensure_plan(db, citizen_id: int, at: str) -> int:
    db.execute("INSERT OR IGNORE INTO plans (citizen_id, updated_at) VALUES (?, ?)", [citizen_id, at])
    return db.execute("SELECT id FROM plans WHERE citizen_id = ?", [citizen_id]).fetchone()[0]


def touch_plan(db, citizen_id: int, at: str) -> None:
    db.execute("UPDATE plans SET updated_at = ? WHERE citizen_id = ?", [at, citizen_id])


def goal_of(db, citizen_id: int, goal_id: int):
    rows = [dict(r) for r in db.query(
        "SELECT g.* FROM goals g JOIN plans p ON p.id = g.plan_id WHERE g.id = ? AND p.citizen_id = ?",
        [goal_id, citizen_id])]
    return rows[0] if rows else None


def insert_goal(db, *, plan_id: int, values: dict, by: int, at: str) -> int:
    position = db.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM goals WHERE plan_id = ?", [plan_id]).fetchone()[0]
    return db.execute(
        "INSERT INTO goals (plan_id, kind, title, note, position, status, changed_at, changed_by)"
        " VALUES (?, ?, ?, ?, ?, 'active', ?, ?)",
        [plan_id, values["kind"], values["title"], values.get("note"), position, at, by]).lastrowid


def update_goal(db, goal_id: int, values: dict, by: int, at: str) -> int:
    sets = ", ".join(f"{name} = ?" for name in values)
    return db.execute(f"UPDATE goals SET {sets}, changed_at = ?, changed_by = ? WHERE id = ?",
                      [*values.values(), at, by, goal_id]).rowcount


def activity_of(db, citizen_id: int, activity_id: int):
    rows = [dict(r) for r in db.query("SELECT * FROM activities WHERE id = ? AND citizen_id = ?",
                                      [activity_id, citizen_id])]
    return rows[0] if rows else None


def insert_activity(db, *, citizen_id: int, values: dict, by: int, at: str) -> int:
    names = [n for n in ACTIVITY_FIELDS if n in values]
    return db.execute(
        f"INSERT INTO activities (citizen_id, {', '.join(names)}, changed_at, changed_by)"
        f" VALUES (?, {', '.join('?' * len(names))}, ?, ?)",
        [citizen_id, *[values[n] for n in names], at, by]).lastrowid


def update_activity(db, activity_id: int, values: dict, by: int, at: str) -> int:
    sets = ", ".join(f"{name} = ?" for name in values)
    return db.execute(f"UPDATE activities SET {sets}, changed_at = ?, changed_by = ? WHERE id = ?",
                      [*values.values(), at, by, activity_id]).rowcount


def plan_read(db, citizen_id: int):
    rows = [dict(r) for r in db.query("SELECT * FROM plan_reads WHERE citizen_id = ?", [citizen_id])]
    return rows[0] if rows else None


def save_plan_read(db, citizen_id: int, *, visit_at: str | None, marks_since: str | None,
                   confirmed_at: str | None) -> None:
    db.execute("INSERT INTO plan_reads (citizen_id, visit_at, marks_since, confirmed_at) VALUES (?, ?, ?, ?)"
               " ON CONFLICT (citizen_id) DO UPDATE SET visit_at = excluded.visit_at,"
               " marks_since = excluded.marks_since, confirmed_at = excluded.confirmed_at",
               [citizen_id, visit_at, marks_since, confirmed_at])


def latest_change(db, citizen_id: int) -> str | None:
    return db.execute(
        "SELECT MAX(at) FROM (SELECT g.changed_at AS at FROM goals g JOIN plans p ON p.id = g.plan_id"
        " WHERE p.citizen_id = ? UNION ALL SELECT changed_at FROM activities WHERE citizen_id = ?)",
        [citizen_id, citizen_id]).fetchone()[0]
