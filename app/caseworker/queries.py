"""SQL for the caseworker's views; every query is scoped to one municipality."""
from .. import cpr


def search_citizens(db, municipality_id: int, *, text: str = "", group: str | None = None,
                    now: str, limit: int = 25, offset: int = 0) -> tuple[list[dict], int]:
    """One page of the municipality's citizens, by name; the next booked conversation only for
    the rows on the page, so the cost follows the page size, not the municipality's size."""
    where = ["c.municipality_id = ?"]
    params: list = [municipality_id]
    birth_part = cpr.masked_birth_part(text)
    if birth_part:  # the birth date part of a CPR number, as the masked number shows it
        where.append("c.cpr LIKE ?")
        params.append(birth_part + "%")
    elif text:
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


def case_flags(db, citizen_id: int, now: str) -> dict:
    """What the caseworker should know before contacting the citizen: the interpreter language
    of the latest conversation or invitation that named one, and whether the next booked
    conversation requires attendance in person."""
    interpreter = db.execute(
        "SELECT interpreter FROM (SELECT interpreter, created_at FROM conversations WHERE citizen_id = ?"
        " AND interpreter IS NOT NULL UNION ALL SELECT interpreter, created_at FROM booking_invitations"
        " WHERE citizen_id = ? AND interpreter IS NOT NULL) ORDER BY created_at DESC LIMIT 1",
        [citizen_id, citizen_id]).fetchone()
    in_person = db.execute(
        "SELECT 1 FROM conversations WHERE citizen_id = ? AND status = 'booked' AND starts_at > ?"
        " AND in_person_ground IS NOT NULL LIMIT 1", [citizen_id, now]).fetchone()
    return {"interpreter": interpreter[0] if interpreter else None, "in_person": in_person is not None}


def history(db, citizen_id: int, *, actions: tuple[str, ...] | None = None, actor: tuple[str, int | None] | None = None,
            limit: int = 100, offset: int = 0) -> tuple[list[dict], int]:
    """One page of the citizen's audit log, newest first, with the caseworker's name."""
    where, params = ["a.citizen_id = ?"], [citizen_id]
    if actions is not None:
        where.append(f"a.action IN ({','.join('?' * len(actions))})" if actions else "0")
        params += list(actions)
    if actor is not None:
        where.append("a.actor_type = ?")
        params.append(actor[0])
        if actor[1] is not None:
            where.append("a.actor_id = ?")
            params.append(actor[1])
    clause = " AND ".join(where)
    total = db.execute(f"SELECT COUNT(*) FROM audit_log a WHERE {clause}", params).fetchone()[0]
    rows = [dict(r) for r in db.query(
        "SELECT a.*, w.name AS caseworker_name FROM audit_log a LEFT JOIN caseworkers w"
        f" ON a.actor_type = 'caseworker' AND w.id = a.actor_id WHERE {clause}"
        " ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?", [*params, limit, offset])]
    return rows, total


def history_actors(db, citizen_id: int) -> list[dict]:
    return [dict(r) for r in db.query(
        "SELECT DISTINCT a.actor_type, a.actor_id, w.name AS caseworker_name FROM audit_log a"
        " LEFT JOIN caseworkers w ON a.actor_type = 'caseworker' AND w.id = a.actor_id"
        " WHERE a.citizen_id = ? ORDER BY a.actor_type, w.name", [citizen_id])]
