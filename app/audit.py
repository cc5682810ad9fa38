"""Append-only audit log: who did what, when, to what, with before and after.

The areas' service functions call `record` inside the same transaction as the change, so a
change and its audit entry are written together or not at all."""
import json

from . import clock


def record(db, *, actor_type: str, actor_id: int | None, action: str, entity: str,
           entity_id: int | None, citizen_id: int | None = None, municipality_id: int | None = None,
           before: dict | None = None, after: dict | None = None) -> None:
    db.conn.execute(
        "INSERT INTO audit_log (at, actor_type, actor_id, action, entity, entity_id, citizen_id,"
        " municipality_id, before, after) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (clock.to_db(clock.now()), actor_type, actor_id, action, entity, entity_id, citizen_id,
         municipality_id, _dump(before), _dump(after)),
    )


def _dump(value):
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def entries_for_citizen(db, citizen_id: int) -> list[dict]:
    return [dict(row) for row in db.query(
        "SELECT * FROM audit_log WHERE citizen_id = ? ORDER BY at DESC, id DESC", [citizen_id])]
