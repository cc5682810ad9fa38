"""What the conversations area does. Plain functions: they check the rules, write through
queries inside one transaction with the audit entry, and raise ConversationError with a
message for the user when something is not allowed.

This module holds the shared pieces and the citizen's format change; booking.py, cancellation.py,
decisions.py (the caseworker's) and slots.py hold the rest."""
import secrets
import sqlite3
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l

from .. import audit, clock, idempotency
from ..errors import UserError
from ..i18n import fmt_clock, fmt_date
from ..rules import APPROVAL, CHOICE, FIXED, FORMATS, FormatPolicy, Rules, format_policy, rules_for
from . import queries


class ConversationError(UserError):
    """A refusal the user should read; `message` is translated lazily."""


def typed_time(day: date, start: time, occurrence: str | None = None) -> datetime:
    """The instant a caseworker means by a date and a wall time they typed. A time skipped when
    summer time starts is refused; one that occurs twice when it ends needs `occurrence`
    ("first", in summer time, or "second", in winter time): asked, never guessed."""
    fold = {"first": 0, "second": 1}.get(occurrence or "")
    try:
        return clock.wall_time(day, start.hour, start.minute, fold=fold)
    except clock.NonexistentLocalTime:
        raise ConversationError(_l("%(time)s does not exist on %(date)s: the clocks go forward from 02:00 to 03:00 "
                                   "that night. Choose another time.", time=fmt_clock(start),
                                   date=fmt_date(day, "weekday_date")), "start") from None
    except clock.AmbiguousLocalTime:
        raise ConversationError(_l("%(time)s occurs twice on %(date)s: the clocks go back from 03:00 to 02:00 that "
                                   "night. Choose which of the two you mean.", time=fmt_clock(start),
                                   date=fmt_date(day, "weekday_date")), "occurrence") from None


class NotFound(ConversationError):
    def __init__(self):
        super().__init__(_l("We could not find that conversation."))


class SlotTaken(ConversationError):
    """Another citizen got the time first (the database's unique index said so)."""

    def __init__(self):
        super().__init__(_l("Sorry, that time was just taken by someone else. Please choose another time."), "slot")


@dataclass(frozen=True)
class FormatChange:
    status: str                 # "changed", "requested" or "unchanged"
    conversation_id: int
    to_format: str
    request_id: int | None = None


def actor(citizen: dict) -> str:
    return f"citizen:{citizen['id']}"


def rules_on(citizen: dict, when: str | datetime) -> Rules:
    """The citizen's rules on the date of `when` (a UTC text or an aware datetime)."""
    moment = clock.from_db(when) if isinstance(when, str) else when
    return rules_for(citizen["target_group"], clock.local(moment).date())


def absence_consequence(db, citizen: dict, rules: Rules) -> str:
    """The rules' code for what staying away means for this citizen now. Sick-listed citizens
    get no sanction text before their first follow-up is held (003 rec. 3.5); after it, the
    rules' plain guidance on what not taking part means."""
    after = rules.absence_consequence_after_first_followup
    if after and queries.has_held(db, citizen["id"], rules.first_conversation_kind):
        return after
    return rules.absence_consequence


def policy_for(citizen: dict, conversation: dict) -> FormatPolicy:
    """The format policy that applies to this conversation, by the rules on its date."""
    rules = rules_on(citizen, conversation["starts_at"])
    return format_policy(rules, conversation["kind"], citizen.get("employment_status"))


def wishable_formats(citizen: dict, conversation: dict) -> tuple[str, ...]:
    """The formats a citizen may choose or ask for on this conversation, in FORMATS order."""
    if conversation.get("in_person_ground"):
        return ("in_person",)
    policy = policy_for(citizen, conversation)
    if policy.mode == FIXED:
        return tuple(f for f in FORMATS if policy.allows(f) and f == conversation["format"])
    return tuple(f for f in FORMATS if policy.allows(f))


def needs_approval(citizen: dict, conversation: dict, now: datetime | None = None) -> bool:
    """True when a wish to change this conversation's format becomes a request: the policy says
    so, or the change comes later than the rules' cut-off before the start."""
    now = now or clock.now()
    policy = policy_for(citizen, conversation)
    if policy.mode == APPROVAL:
        return True
    starts = clock.from_db(conversation["starts_at"])
    rules = rules_on(citizen, conversation["starts_at"])
    return policy.mode == CHOICE and starts - now < timedelta(hours=rules.late_change_hours)


def new_video_url() -> str:
    base = current_app.config.get("VIDEO_BASE_URL", "https://video.minplan.example/m/")
    return base + secrets.token_urlsafe(9)


def new_uid() -> str:
    return f"conversation-{secrets.token_hex(8)}@minplan"


def change_format(db, *, citizen: dict, conversation_id: int, to_format: str, reason: str | None = None,
                  phone_number: str | None = None, now: datetime | None = None,
                  submission_key: str | None = None, reason_required: bool = False) -> FormatChange:
    """The citizen's wish for another format: at once where the rules let them choose, as a
    request for the caseworker where the rules need approval. Choosing the current format
    again takes back a wish that is still waiting. With a submission_key, a form submitted
    twice acts once. With reason_required (the citizen's page), a request without the
    citizen's reason is refused on the field `reason`."""
    now = now or clock.now()

    def work():
        return asdict(_change_format(db, citizen, conversation_id, to_format, reason, phone_number, now,
                                     reason_required))
    done = idempotency.once(db, submission_key, actor(citizen), f"conversation_format:{conversation_id}", work)
    return FormatChange(**done.result)


def _change_format(db, citizen, conversation_id, to_format, reason, phone_number, now,
                   reason_required=False) -> FormatChange:
    conv = queries.conversation_for_citizen(db, conversation_id, citizen["id"])
    if conv is None:
        raise NotFound()
    if to_format not in FORMATS:
        raise ConversationError(_l("Choose how you want to meet."), "format")
    if conv["status"] != "booked" or clock.from_db(conv["starts_at"]) <= now:
        raise ConversationError(_l("This conversation can no longer be changed."))
    if to_format == conv["format"]:
        _withdraw_requests(db, citizen, conv, now)
        return FormatChange("unchanged", conv["id"], to_format)
    if conv["in_person_ground"] and to_format != "in_person":
        raise ConversationError(_l("The municipality has asked you to attend this conversation in person."), "format")
    policy = policy_for(citizen, conv)
    if not policy.allows(to_format) or policy.mode == FIXED:
        raise ConversationError(_l("This conversation cannot be held in that format."), "format")
    number = (phone_number or "").strip() or conv["phone_number"] or citizen.get("phone")
    if to_format == "phone" and not number:
        raise ConversationError(_l("Enter the phone number we should call you on."), "phone_number")

    # A published time the jobcenter offered only in some formats: another one is theirs to agree to.
    slot = queries.slot_in_municipality(db, conv["slot_id"], conv["municipality_id"]) if conv["slot_id"] else None
    outside_offer = slot is not None and to_format not in slot["formats"].split(",")
    if outside_offer or needs_approval(citizen, conv, now):
        if queries.pending_format_request(db, conv["id"]) is not None:
            raise ConversationError(_l("You already have a request waiting for this conversation."))
        if reason_required and not (reason or "").strip():
            raise ConversationError(_l("Tell the municipality why you need another way of meeting."), "reason")
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
                 after=snapshot(after))
    return FormatChange("changed", conv["id"], to_format)


def _withdraw_requests(db, citizen, conv, now) -> None:
    withdraw_requests(db, conv, actor_type="citizen", actor_id=citizen["id"], at=clock.to_db(now))


def withdraw_requests(db, conv: dict, *, actor_type: str, actor_id: int, at: str, after: dict | None = None,
                      decided_by: int | None = None) -> list:
    """Withdraw the format wishes still waiting for this conversation, with one audit entry
    (format_request_withdrawn) each. `after` is the conversation as it is after the change that
    withdraws them (a move, a cancellation); the conversation itself when None. Call inside a
    transaction."""
    after = after or conv
    withdrawn = queries.close_pending_requests(db, conv["id"], status="withdrawn", reason=None,
                                               decided_by=decided_by, at=at)
    for req in withdrawn:
        audit.record(db, actor_type=actor_type, actor_id=actor_id, action="format_request_withdrawn",
                     entity="format_request", entity_id=req["id"], citizen_id=conv["citizen_id"],
                     municipality_id=conv["municipality_id"],
                     before={"status": "pending"},
                     after={"conversation_id": conv["id"], "to_format": req["to_format"], "status": after["status"],
                            "starts_at": after["starts_at"], "format": after["format"]})
    return withdrawn


def apply_format(db, conv: dict, to_format: str, *, phone_number: str | None, now: datetime) -> None:
    """Set the format with what it needs to work (a link for video, a number for phone, a place
    for in person) and bump the calendar SEQUENCE. Call inside a transaction; the caller writes
    the audit entry."""
    video_url = conv["video_url"] if to_format == "video" and conv["video_url"] else (
        new_video_url() if to_format == "video" else None)
    queries.update_format(db, conv["id"], to_format, video_url=video_url,
                          phone_number=phone_number if to_format == "phone" else conv["phone_number"],
                          updated_at=clock.to_db(now))
    if to_format == "in_person" and not conv.get("location"):
        place = queries.municipality(db, conv["municipality_id"])
        queries.set_location(db, conv["id"], f"{place['jobcenter_name']}, {place['address']}")


def snapshot(conv: dict) -> dict:
    """What an audit entry's `after` holds for a conversation (contract: starts_at, format, status)."""
    return {key: conv.get(key) for key in (
        "starts_at", "ends_at", "format", "status", "location", "video_url", "phone_number", "slot_id",
        "kind", "sequence")}


def is_slot_conflict(error: sqlite3.IntegrityError) -> bool:
    return "slot_id" in str(error)
