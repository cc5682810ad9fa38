"""SQL for the caseworker's views; every query is scoped to one municipality."""


def search_citizens(db, municipality_id: int, *, text: str = "", group: str | None = None,
                    now: str, limit: int = 25, offset: int = 0) -> tuple[list[dict], int]:
    """One page of the municipality's citizens, by name; the next booked conversation only for
    the rows on the page, so the cost follows the page size, not the municipality's size."""
    where = ["c.municipality_id = ?"]
    params: list = [municipality_id]
    if text:
        where.append("c.name LIKE ? ESCAPE '\\'")
        params.append("%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if group:
        where.append("c.target_group = ?")
        params.append(group)
    clause = " AND ".join(where)
    total = db.execute(f"SELECT COUNT(*) FROM citizens c WHERE {clause}", params).fetchone()[0]
    rows = [dict(r) for r in db.query(
        "SELECT c.id, c.name, c.target_group, c.cpr, c.group_since,"
        " (SELECT MIN(v.starts_at) FROM conversations v WHERE v.citizen_id = c.id AND v.status = 'booked'"
        "   AND v.starts_at > ?) AS next_conversation"
        f" FROM citizens c WHERE {clause} ORDER BY c.name, c.id LIMIT ? OFFSET ?",
        [now, *params, limit, offset])]
    return rows, total


def citizen_in_municipality(db, citizen_id: int, municipality_id: int):
    rows = [dict(r) for r in db.query(
        "SELECT c.*, m.name AS municipality_name, m.jobcenter_name, m.phone AS municipality_phone FROM citizens c"
        " JOIN municipalities m ON m.id = c.municipality_id"
        " WHERE c.id = ? AND c.municipality_id = ?", [citizen_id, municipality_id])]
    return rows[0] if rows else None


def set_target_group(db, citizen_id: int, municipality_id: int, group: str, since: str, at: str) -> int:
    return db.execute("UPDATE citizens SET target_group = ?, group_since = ?, updated_at = ?"
                      " WHERE id = ? AND municipality_id = ?", [group, since, at, citizen_id, municipality_id]).rowcount
