"""What the conversations area does. Plain functions: they check the rules, write through
queries inside one transaction with the audit entry, and raise ConversationError with a
message for the user when something is not allowed."""
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l

from .. import audit, clock
from ..db import transaction
from ..rules import APPROVAL, CHOICE, FormatPolicy, format_policy, rules_for
from . import queries


class ConversationError(Exception):
    """A refusal the user should read; `message` is translated lazily."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(ConversationError):
    def __init__(self):
        super().__init__(_l("We could not find that conversation."))


@dataclass(frozen=True)
class FormatChange:
    status: str                 # "changed", "requested" or "unchanged"
    conversation_id: int
    to_format: str
    request_id: int | None = None


def policy_for(citizen: dict, conversation: dict) -> FormatPolicy:
    """The format policy that applies to this conversation, by the rules on its date."""
    starts = clock.from_db(conversation["starts_at"])
    rules = rules_for(citizen["target_group"], clock.local(starts).date())
    return format_policy(rules, conversation["kind"], citizen.get("employment_status"))


def needs_approval(citizen: dict, conversation: dict, now: datetime | None = None) -> bool:
    """True when a wish to change this conversation's format becomes a request: the policy says
    so, or the change comes later than the rules' cut-off before the start."""
    now = now or clock.now()
    policy = policy_for(citizen, conversation)
    if policy.mode == APPROVAL:
        return True
    starts = clock.from_db(conversation["starts_at"])
    rules = rules_for(citizen["target_group"], clock.local(starts).date())
    return policy.mode == CHOICE and starts - now < timedelta(hours=rules.late_change_hours)


def new_video_url() -> str:
    base = current_app.config.get("VIDEO_BASE_URL", "https://video.minplan.example/m/")
    return base + secrets.token_urlsafe(9)


def change_format(db, *, citizen: dict, conversation_id: int, to_format: str, reason: str | None = None,
                  phone_number: str | None = None, now: datetime | None = None) -> FormatChange:
    """The citizen's wish for another format: at once where the rules let them choose, as a
    request for the caseworker where the rules need approval."""
    now = now or clock.now()
    with transaction(db):
        conv = queries.conversation_for_citizen(db, conversation_id, citizen["id"])
        if conv is None:
            raise NotFound()
        if conv["status"] != "booked" or clock.from_db(conv["starts_at"]) <= now:
            raise ConversationError(_l("This conversation can no longer be changed."))
        if to_format == conv["format"]:
            return FormatChange("unchanged", conv["id"], to_format)
        if conv["in_person_ground"] and to_format != "in_person":
            raise ConversationError(_l("The jobcenter has asked you to attend this conversation in person."), "format")
        policy = policy_for(citizen, conv)
        if not policy.allows(to_format) or policy.mode == "fixed":
            raise ConversationError(_l("This conversation cannot be held in that format."), "format")
        number = (phone_number or "").strip() or citizen.get("phone")
        if to_format == "phone" and not number:
            raise ConversationError(_l("Enter the phone number we should call you on."), "phone_number")

        if needs_approval(citizen, conv, now):
            if queries.pending_format_request(db, conv["id"]) is not None:
                raise ConversationError(_l("You already have a request waiting for this conversation."))
            request_id = queries.insert_format_request(
                db, conversation_id=conv["id"], citizen_id=citizen["id"], municipality_id=conv["municipality_id"],
                from_format=conv["format"], to_format=to_format, reason=(reason or "").strip() or None,
                created_at=clock.to_db(now))
            if to_format == "phone" and number != conv["phone_number"]:
                queries.set_phone_number(db, conv["id"], number)
            audit.record(db, actor_type="citizen", actor_id=citizen["id"], action="format_request_created",
                         entity="format_request", entity_id=request_id, citizen_id=citizen["id"],
                         municipality_id=conv["municipality_id"],
                         before={"format": conv["format"]},
                         after={"conversation_id": conv["id"], "to_format": to_format, "reason": reason,
                                "starts_at": conv["starts_at"], "format": conv["format"], "status": conv["status"]})
            return FormatChange("requested", conv["id"], to_format, request_id)

        apply_format(db, conv, to_format, phone_number=number, now=now)
        after = queries.conversation_for_citizen(db, conv["id"], citizen["id"])
        audit.record(db, actor_type="citizen", actor_id=citizen["id"], action="conversation_format_changed",
                     entity="conversation", entity_id=conv["id"], citizen_id=citizen["id"],
                     municipality_id=conv["municipality_id"],
                     before={"format": conv["format"], "starts_at": conv["starts_at"], "status": conv["status"]},
                     after={"format": to_format, "starts_at": after["starts_at"], "status": after["status"],
                            "video_url": after["video_url"], "phone_number": after["phone_number"]})
        return FormatChange("changed", conv["id"], to_format)


def apply_format(db, conv: dict, to_format: str, *, phone_number: str | None, now: datetime) -> None:
    """Set the format with what it needs to work (a link for video, a number for phone) and
    bump the calendar SEQUENCE. Call inside a transaction; the caller writes the audit entry."""
    video_url = conv["video_url"] if to_format == "video" and conv["video_url"] else (
        new_video_url() if to_format == "video" else None)
    queries.update_format(db, conv["id"], to_format, video_url=video_url,
                          phone_number=phone_number if to_format == "phone" else conv["phone_number"],
                          updated_at=clock.to_db(now))
