"""What a citizen can do with one conversation right now, for the pages' buttons and notes."""
from dataclasses import dataclass
from datetime import datetime

from .. import clock
from ..rules import FIXED
from . import booking, notes, queries
from .cancellation import can_cancel, can_rate
from .service import needs_approval, policy_for


@dataclass
class Options:
    conversation: dict
    upcoming: bool
    can_change_format: bool
    format_needs_approval: bool
    can_move: bool
    move_blocker: str | None
    can_cancel: bool
    can_rate: bool
    pending_request: dict | None
    last_decision: dict | None
    # Booked, but past the online cancellation cut-off (it has started): the page says how to
    # reach the jobcenter instead of offering to cancel.
    contact_jobcenter: bool = False
    # Another area's word on it (app/conversations/notes.py): a follow-up no longer required.
    note: str | None = None


def options_for(db, citizen: dict, conv: dict, now: datetime | None = None, requests: list | None = None) -> Options:
    now = now or clock.now()
    if requests is None:
        requests = [r for r in queries.requests_for_citizen(db, citizen["id"]) if r["conversation_id"] == conv["id"]]
    else:
        requests = [r for r in requests if r["conversation_id"] == conv["id"]]
    pending = next((r for r in requests if r["status"] == "pending"), None)
    decided = next((r for r in requests if r["status"] in ("approved", "refused")), None)
    upcoming = conv["status"] == "booked" and clock.from_db(conv["starts_at"]) > now
    policy = policy_for(citizen, conv)
    changeable = upcoming and policy.mode != FIXED and not conv.get("in_person_ground")
    blocker = booking.move_blocker(db, citizen, conv, now)
    cancellable = can_cancel(citizen, conv, now)
    return Options(
        conversation=conv,
        upcoming=upcoming,
        can_change_format=changeable,
        format_needs_approval=changeable and needs_approval(citizen, conv, now),
        can_move=blocker is None,
        move_blocker=blocker,
        can_cancel=cancellable,
        can_rate=can_rate(conv),
        pending_request=pending,
        last_decision=decided,
        contact_jobcenter=conv["status"] == "booked" and not cancellable,
        note=notes.note_for(db, citizen, conv) if upcoming else None,
    )
