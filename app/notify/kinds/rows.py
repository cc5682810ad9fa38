"""What every kind shares: building an outbox row, writing rows, skipping one bad item."""
import json
import logging
from datetime import date, datetime

from ... import clock, cpr
from ...db import transaction
from ...rules import rules_for
from .. import queries

log = logging.getLogger("minplan.notify")


def describe(error: BaseException) -> str:
    """An error for the log and the outbox: its type and message, any CPR-like number masked."""
    return cpr.mask_in_text(f"{type(error).__name__}: {error}", keep_birth_date=False)[:500]


def skip(what: str, ident, error: Exception) -> None:
    log.error("notify: skipped %s %s: %s", what, ident, describe(error))


def write(db, rows: list[dict]) -> int:
    """Insert the rows found in one short write transaction."""
    if not rows:
        return 0
    with transaction(db):
        return sum(queries.insert_outbox(db, row) for row in rows)


def opted_out(db, citizen: dict, reminder: str, on_date: date) -> bool:
    """Switched off by the citizen, and the rules on that date allow it."""
    allowed = rules_for(citizen["target_group"], on_date).reminder_opt_out
    return reminder in allowed and reminder in queries.optouts(db, citizen["id"])


def row(now, key, citizen, kind, channel, *, entity, entity_id, occurrence, params, event_at, due_at,
        expires_at, dropped: str | None = None, failed: str | None = None) -> dict:
    status = "failed" if failed else "dropped" if dropped else "pending"
    return dict(key=key, citizen_id=citizen["id"], kind=kind, channel=channel, entity=entity,
                entity_id=entity_id, occurrence=occurrence, params=json.dumps(params, sort_keys=True, default=str),
                event_at=clock.to_db(event_at) if event_at else None, due_at=clock.to_db(due_at),
                expires_at=clock.to_db(expires_at) if expires_at else None,
                status=status, last_error=failed or dropped,
                next_attempt_at=clock.to_db(due_at), created_at=clock.to_db(now))


def instant(value: str | None) -> datetime | None:
    try:
        return clock.from_db(value)
    except ValueError:
        return None


class Citizens(dict):
    """Citizens read once per sweep: many rows belong to the same few."""

    def __init__(self, db):
        super().__init__()
        self.db = db

    def __missing__(self, citizen_id):
        self[citizen_id] = queries.citizen(self.db, citizen_id)
        return self[citizen_id]
