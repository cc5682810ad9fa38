"""Cancellation (afbud) by the citizen, and the rating of a held conversation.

Online cancellation is open until the rules' cut-off before the start (DOMAIN.md: a setting,
today until the conversation starts). The registered time is kept for the receipt."""
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from .. import audit, clock, idempotency
from ..db import transaction
from . import queries
from .service import ConversationError, NotFound, actor, rules_on, snapshot, withdraw_requests

# The lawful reasons DOMAIN.md lists, then "other" with free text (the jobcenter assesses it).
LAWFUL_REASONS = ("sickness", "work", "job_interview", "offer", "other_summons")
REASONS = LAWFUL_REASONS + ("other",)


@dataclass(frozen=True)
class Cancelled:
    conversation_id: int
    cancelled_at: str
    invitation_reopened: bool


def cancel_until(citizen: dict, conv: dict) -> datetime:
    """The last moment to cancel online: the start minus the rules' cut-off."""
    return clock.from_db(conv["starts_at"]) - rules_on(citizen, conv["starts_at"]).cancellation_cutoff


def can_cancel(citizen: dict, conv: dict, now: datetime | None = None) -> bool:
    now = now or clock.now()
    if conv["status"] != "booked":
        return False
    return now < cancel_until(citizen, conv)


def cancel(db, *, citizen: dict, conversation_id: int, reason: str, text: str | None = None,
           submission_key: str, now: datetime | None = None) -> Cancelled:
    """Register the citizen's cancellation. The time is free at once; pending format wishes are
    withdrawn; a time booked from an invitation whose deadline has not passed can be booked again."""
    now = now or clock.now()
    at = clock.to_db(now)
    text = (text or "").strip() or None

    def work():
        conv = queries.conversation_for_citizen(db, conversation_id, citizen["id"])
        if conv is None:
            raise NotFound()
        if reason not in REASONS:
            raise ConversationError(_l("Choose why you cannot come."), "reason")
        if reason == "other" and not text:
            raise ConversationError(_l("Tell us why you cannot come."), "cancel_text")
        if conv["status"] == "cancelled_citizen":
            raise ConversationError(_l("You have already told us you cannot come to this conversation."))
        if not can_cancel(citizen, conv, now):
            raise ConversationError(_l("It is too late to tell us online that you cannot come. Call the municipality instead."))
        if queries.cancel(db, conv["id"], status="cancelled_citizen", reason=reason, text=text, at=at) != 1:
            raise ConversationError(_l("This conversation can no longer be changed."))
        withdraw_requests(db, conv, actor_type="citizen", actor_id=citizen["id"], at=at,
                          after={**conv, "status": "cancelled_citizen"})
        reopened = False
        if conv["invitation_id"]:
            inv = queries.invitation_by_id(db, conv["invitation_id"])
            if inv and inv["status"] == "booked" and date.fromisoformat(inv["deadline"]) >= clock.local(now).date():
                queries.reopen_invitation(db, inv["id"], at)
                reopened = True
        after = queries.conversation_for_citizen(db, conv["id"], citizen["id"])
        audit.record(db, actor_type="citizen", actor_id=citizen["id"], action="conversation_cancelled",
                     entity="conversation", entity_id=conv["id"], citizen_id=citizen["id"],
                     municipality_id=conv["municipality_id"], before=snapshot(conv),
                     after={**snapshot(after), "cancel_reason": reason, "cancel_text": text, "cancelled_at": at})
        result = Cancelled(conv["id"], at, reopened)
        return result.__dict__
    done = idempotency.once(db, submission_key, actor(citizen), f"conversation_cancel:{conversation_id}", work)
    return Cancelled(**done.result)


def can_rate(conv: dict) -> bool:
    return conv["status"] == "held" and not conv["rated_at"]


def rate(db, *, citizen: dict, conversation_id: int, rating: int, comment: str | None = None,
         now: datetime | None = None) -> None:
    """1 (did not help) to 6 (helped a lot). Caseworkers see only their municipality's totals,
    so the audit entry records that a rating was given, not the rating."""
    now = now or clock.now()
    with transaction(db):
        conv = queries.conversation_for_citizen(db, conversation_id, citizen["id"])
        if conv is None:
            raise NotFound()
        if not 1 <= int(rating) <= 6:
            raise ConversationError(_l("Choose a number from 1 to 6."), "rating")
        if conv["status"] != "held":
            raise ConversationError(_l("You can rate a conversation once it has been held."))
        if queries.rate(db, conv["id"], int(rating), (comment or "").strip() or None, clock.to_db(now)) != 1:
            raise ConversationError(_l("You have already rated this conversation."))
        audit.record(db, actor_type="citizen", actor_id=citizen["id"], action="conversation_rated",
                     entity="conversation", entity_id=conv["id"], citizen_id=citizen["id"],
                     municipality_id=conv["municipality_id"],
                     after={"starts_at": conv["starts_at"], "format": conv["format"], "status": conv["status"]})
