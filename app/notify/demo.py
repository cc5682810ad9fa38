"""Demo notices, so /beskeder has something to show: a booking confirmation for Mette Jensen's
next conversation and the summons notice for Yusuf Ahmadi's (he reads English)."""
import json

from .. import clock
from . import queries
from .deliver import conversation_snapshot


def _next_conversation(db, citizen_id: int):
    row = db.execute("SELECT id FROM conversations WHERE citizen_id = ? AND status = 'booked'"
                     " ORDER BY starts_at LIMIT 1", [citizen_id]).fetchone()
    return queries.conversation(db, row["id"]) if row else None


def extend(db, ctx: dict) -> None:
    now = clock.to_db(ctx["now"])
    for name, kind in (("Mette Jensen", "conversation_booked"), ("Yusuf Ahmadi", "conversation_summoned")):
        citizen_id = ctx["citizen_ids"].get(name)
        conversation = _next_conversation(db, citizen_id) if citizen_id else None
        if conversation is None:
            continue
        params = conversation_snapshot(conversation, queries.citizen(db, citizen_id))
        queries.insert_notice(db, citizen_id=citizen_id, outbox_id=None, kind=kind,
                              params=json.dumps(params, ensure_ascii=False, sort_keys=True), created_at=now)
