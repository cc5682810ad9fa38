"""SQL for the caseworker's views; every query is scoped to one municipality."""


def citizens_in_municipality(db, municipality_id: int):
    return [dict(r) for r in db.query(
        "SELECT c.id, c.name, c.target_group, c.cpr, c.group_since,"
        " (SELECT MIN(starts_at) FROM conversations v WHERE v.citizen_id = c.id AND v.status = 'booked'"
        "   AND v.starts_at > strftime('%Y-%m-%dT%H:%M:%SZ','now')) AS next_conversation"
        " FROM citizens c WHERE c.municipality_id = ? ORDER BY c.name", [municipality_id])]


def citizen_in_municipality(db, citizen_id: int, municipality_id: int):
    rows = [dict(r) for r in db.query(
        "SELECT c.*, m.name AS municipality_name, m.jobcenter_name FROM citizens c"
        " JOIN municipalities m ON m.id = c.municipality_id"
        " WHERE c.id = ? AND c.municipality_id = ?", [citizen_id, municipality_id])]
    return rows[0] if rows else None
