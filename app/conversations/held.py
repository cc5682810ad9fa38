"""The one `mark_held` for every kind of conversation, follow-ups included: the summary the
citizen reads, the agreed next step, and "det aftalte" (what the citizen does and what the
municipality does before the next conversation, and by when), written in one transaction with
its audit entry. An area with more to record when its conversation is held (the follow-up's
predictable course) passes `on_held`, called inside the same transaction."""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from .. import audit, clock
from ..db import transaction
from . import queries_caseworker as cq
from .service import ConversationError, NotFound, snapshot

SUMMARY_MAX, NEXT_STEP_MAX, AGREED_MAX = 2000, 500, 1000


@dataclass(frozen=True)
class Agreed:
    citizen_does: str | None = None
    municipality_does: str | None = None
    until: date | None = None

    @property
    def empty(self) -> bool:
        return not (self.citizen_does or self.municipality_does)


def _clean(value, field, maximum) -> str | None:
    value = (value or "").strip() or None
    if value and len(value) > maximum:
        raise ConversationError(_l("Write at most %(num)s characters.", num=maximum), field)
    return value


def mark_held(db, *, caseworker, conversation_id: int, summary: str, next_step: str | None = None,
              agreed: Agreed | None = None, on_held: Callable | None = None,
              now: datetime | None = None) -> dict:
    """Mark a started, booked conversation of the caseworker's municipality as held; returns it.
    Raises NotFound for another municipality's conversation, ConversationError (with its field)
    for what the caseworker must correct."""
    now = now or clock.now()
    at = clock.to_db(now)
    summary = _clean(summary, "summary", SUMMARY_MAX)
    next_step = _clean(next_step, "next_step", NEXT_STEP_MAX)
    agreed = agreed or Agreed()
    citizen_does = _clean(agreed.citizen_does, "agreed_citizen", AGREED_MAX)
    municipality_does = _clean(agreed.municipality_does, "agreed_municipality", AGREED_MAX)
    if not summary:
        raise ConversationError(_l("Write a short summary of what was agreed."), "summary")
    if agreed.until is not None and not (citizen_does or municipality_does):
        raise ConversationError(_l("Write what the citizen or the municipality does by that date."), "agreed_citizen")
    if agreed.until is not None and agreed.until < clock.local(now).date():
        raise ConversationError(_l("The date of what was agreed cannot be in the past."), "agreed_until")
    with transaction(db):
        conv = cq.conversation_in_municipality(db, conversation_id, caseworker.municipality_id)
        if conv is None:
            raise NotFound()
        if conv["status"] != "booked":
            raise ConversationError(_l("This conversation is not booked."))
        if clock.from_db(conv["starts_at"]) > now:
            raise ConversationError(_l("A conversation can be marked held once it has started."))
        until = agreed.until.isoformat() if agreed.until else None
        if cq.mark_held(db, conv["id"], summary, next_step, at, agreed_citizen=citizen_does,
                        agreed_municipality=municipality_does, agreed_until=until) != 1:
            raise ConversationError(_l("This conversation is not booked."))
        if next_step:
            cq.set_plan_next_step(db, conv["citizen_id"], next_step, at)
        audit.record(db, actor_type="caseworker", actor_id=caseworker.id, action="conversation_held",
                     entity="conversation", entity_id=conv["id"], citizen_id=conv["citizen_id"],
                     municipality_id=conv["municipality_id"], before=snapshot(conv),
                     after={**snapshot({**conv, "status": "held"}), "summary": summary, "next_step": next_step,
                            "agreed_citizen": citizen_does, "agreed_municipality": municipality_does,
                            "agreed_until": until})
        if on_held is not None:
            on_held(db, conv, at)
        return conv
