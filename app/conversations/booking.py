"""Self-booking (selvbooking): who may book, which published times and formats are offered,
the booking as one conditional write, moving a booked time, and asking for an interpreter.

A time is never held by two citizens: the partial unique index conversations_slot_live makes
the database refuse the second booking, which becomes SlotTaken here."""
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby

from flask_babel import lazy_gettext as _l

from .. import audit, clock, dates, idempotency
from ..db import transaction
from ..rules import CHOICE, FORMATS, Rules, format_policy, rules_for
from . import queries
from .service import (ConversationError, NotFound, SlotTaken, actor, is_slot_conflict, needs_approval, new_uid,
                      new_video_url, policy_for, rules_on, snapshot, withdraw_requests)


@dataclass
class Day:
    day: date
    slots: list


def may_self_book(citizen: dict, rules: Rules) -> bool:
    """The rules let this group book, and the citizen is not exempted (then they are summoned)."""
    return bool(rules.self_booking) and not citizen.get("self_booking_exempt_reason")


def invitation_summoned(citizen: dict, inv: dict, today: date) -> bool:
    """An invitation of a kind the jobcenter summons (the first conversation, a joint one): it is
    never booked by the citizen, whatever the data says."""
    return rules_for(citizen["target_group"], today).is_summoned_kind(inv["kind"])


def invitation_state(inv: dict, today: date) -> str:
    """open, expired (deadline passed), interpreter (the caseworker books it), booked, withdrawn."""
    if inv["status"] != "open":
        return inv["status"]
    if inv.get("interpreter"):
        return "interpreter"
    if date.fromisoformat(inv["deadline"]) < today:
        return "expired"
    return "open"


def day_bounds(first: date, last: date) -> tuple[str, str]:
    """UTC text bounds [first 00:00, last+1 00:00) in Copenhagen time. A stored date at the
    calendar's very ends (typed before dates were checked) is held inside it: midnight on
    1 January of year 1 in Copenhagen is before the first instant there is in UTC."""
    first = max(first, date.min + timedelta(days=1))
    return (clock.to_db(clock.local_datetime(first, 0)),
            clock.to_db(clock.local_datetime(dates.add_days(last, 1), 0)))


def offered(slot: dict) -> tuple[str, ...]:
    return tuple(f for f in FORMATS if f in (slot["formats"] or "").split(","))


def booking_formats(policy, slot: dict) -> tuple[str, ...]:
    """What the citizen can pick for this time: their choice among what the time offers where
    the rules let them choose, otherwise the policy's default only (a wish can follow later)."""
    here = [f for f in offered(slot) if policy.allows(f)]
    if policy.mode == CHOICE:
        return tuple(here)
    return (policy.default,) if policy.default in here else ()


def format_kept_on_move(citizen: dict, conv: dict, slot: dict, now: datetime | None = None) -> bool:
    """True when moving to this time cannot change the format: the policy is not the citizen's
    choice, or a change would need approval (later than the rules' late-change limit before the
    old or the new start). The conversation keeps its format; a wish is then a request made on
    the format page, with the citizen's reason."""
    now = now or clock.now()
    moved = {**conv, "starts_at": slot["starts_at"]}
    return (policy_for(citizen, moved).mode != CHOICE or needs_approval(citizen, conv, now)
            or needs_approval(citizen, moved, now))


def move_formats(citizen: dict, conv: dict, slot: dict, now: datetime | None = None) -> tuple[str, ...]:
    if conv.get("in_person_ground"):
        return ("in_person",) if "in_person" in offered(slot) else ()
    if not format_kept_on_move(citizen, conv, slot, now):
        policy = policy_for(citizen, {**conv, "starts_at": slot["starts_at"]})
        return tuple(f for f in offered(slot) if policy.allows(f))
    return (conv["format"],) if conv["format"] in offered(slot) else ()


def _by_day(slots: list) -> list[Day]:
    keyed = groupby(slots, key=lambda s: clock.local(clock.from_db(s["starts_at"])).date())
    return [Day(day, list(items)) for day, items in keyed]


@dataclass
class DayChoice:
    """One day in the list a citizen chooses from before its times: how many free times it has,
    and the first and last of them (UTC, as stored)."""
    day: date
    count: int
    first: str
    last: str


def day_choices(days: list[Day]) -> list[DayChoice]:
    """The days with free times, in order: step one of choosing a time (a long list of times on one
    page is chosen from by day first)."""
    return [DayChoice(d.day, len(d.slots), d.slots[0]["starts_at"], d.slots[-1]["starts_at"]) for d in days if d.slots]


def parse_day(text: str | None) -> date | None:
    """A day as the day list links it (YYYY-MM-DD); None when missing or not a date."""
    if not text or len(text) != 10:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def times_on(days: list[Day], day: date | None) -> Day | None:
    """The free times of one day of the list, or None when that day has none (or is not offered)."""
    return next((d for d in days if d.day == day and d.slots), None)


def invitation_policy(citizen: dict, inv: dict, slot: dict):
    rules = rules_on(citizen, slot["starts_at"])
    return format_policy(rules, inv["kind"], citizen.get("employment_status"))


def slots_for_invitation(db, citizen: dict, inv: dict, now: datetime | None = None) -> list[Day]:
    now = now or clock.now()
    start, end = day_bounds(date.fromisoformat(inv["window_start"]), date.fromisoformat(inv["window_end"]))
    found = []
    for slot in queries.free_slots(db, citizen["municipality_id"], after=clock.to_db(now), start=start, end=end):
        slot["choices"] = booking_formats(invitation_policy(citizen, inv, slot), slot)
        if slot["choices"]:
            found.append(slot)
    return _by_day(found)


# ------------------------------------------------------------------ moving a booked time

def move_blocker(db, citizen: dict, conv: dict, now: datetime | None = None) -> str | None:
    """Why this citizen cannot move this conversation themselves (a code), or None."""
    now = now or clock.now()
    rules = rules_on(citizen, conv["starts_at"])
    if conv["status"] != "booked":
        return "not_booked"
    if clock.from_db(conv["starts_at"]) - rules.cancellation_cutoff <= now:
        return "started"
    if conv["held_by"] != "jobcenter":
        return "akasse"
    if not may_self_book(citizen, rules_for(citizen["target_group"], clock.local(now).date())):
        return "no_self_booking"
    if conv.get("interpreter"):
        return "interpreter"
    if rules.is_summoned_kind(conv["kind"]):
        return "first_summoned" if conv["kind"] == rules.first_conversation_kind else "summoned"
    return None


def move_window(db, citizen: dict, conv: dict, now: datetime) -> tuple[date, date]:
    """From today to the original date plus the rules' reschedule window, or the end of the
    booking invitation's window when that is later."""
    rules = rules_on(citizen, conv["starts_at"])
    original = clock.local(clock.from_db(conv["starts_at"])).date()
    last = dates.add_days(original, rules.reschedule_window_days)
    if conv.get("invitation_id"):
        inv = queries.invitation_by_id(db, conv["invitation_id"])
        if inv:
            last = max(last, date.fromisoformat(inv["window_end"]))
    return clock.local(now).date(), last


def slots_for_move(db, citizen: dict, conv: dict, now: datetime | None = None) -> list[Day]:
    now = now or clock.now()
    first, last = move_window(db, citizen, conv, now)
    start, end = day_bounds(first, last)
    found = []
    for slot in queries.free_slots(db, conv["municipality_id"], after=clock.to_db(now), start=start, end=end):
        slot["choices"] = move_formats(citizen, conv, slot, now)
        if slot["choices"]:
            found.append(slot)
    return _by_day(found)


# ------------------------------------------------------------------ the writes

def _phone(fmt: str, phone_number: str | None, citizen: dict, conv: dict | None = None) -> str | None:
    number = (phone_number or "").strip() or (conv or {}).get("phone_number") or citizen.get("phone")
    if fmt == "phone" and not number:
        raise ConversationError(_l("Enter the phone number we should call you on."), "phone_number")
    return number if fmt == "phone" else (conv or {}).get("phone_number")


def _no_overlap(db, citizen: dict, slot: dict, exclude_id: int | None = None) -> None:
    if queries.overlapping(db, citizen["id"], slot["starts_at"], slot["ends_at"], exclude_id):
        raise ConversationError(_l("You already have a conversation at that time. Choose another time."), "slot")


def book(db, *, citizen: dict, invitation_id: int, slot_id: int, fmt: str, phone_number: str | None = None,
         submission_key: str, now: datetime | None = None) -> int:
    """Book a published time for an open invitation. Returns the conversation id; a form
    submitted twice returns the first booking."""
    now = now or clock.now()
    at = clock.to_db(now)

    def work():
        inv = queries.invitation_for_citizen(db, invitation_id, citizen["id"])
        if inv is None:
            raise NotFound()
        state = invitation_state(inv, clock.local(now).date())
        if state == "booked":
            raise ConversationError(_l("You have already booked this conversation."))
        today = clock.local(now).date()
        if (state != "open" or not may_self_book(citizen, rules_for(citizen["target_group"], today))
                or invitation_summoned(citizen, inv, today)):
            raise ConversationError(_l("This conversation cannot be booked here. Contact the municipality."))
        slot = queries.slot_in_municipality(db, slot_id, citizen["municipality_id"])
        if slot is None:
            raise ConversationError(_l("That time is not available. Please choose another time."), "slot")
        # Whether someone else holds the time is left to the one conditional write below.
        choices = booking_formats(invitation_policy(citizen, inv, slot), slot)
        if fmt not in choices:
            raise ConversationError(_l("Choose one of the ways of meeting offered for this time."), "format")
        number = _phone(fmt, phone_number, citizen)
        _no_overlap(db, citizen, slot)
        start, end = day_bounds(date.fromisoformat(inv["window_start"]), date.fromisoformat(inv["window_end"]))
        conv_id = queries.insert_booking(
            db, citizen_id=citizen["id"], municipality_id=citizen["municipality_id"], slot_id=slot["id"],
            held_by=inv["held_by"], kind=inv["kind"], fmt=fmt,
            video_url=new_video_url() if fmt == "video" else None, phone_number=number,
            prepare=inv["prepare"], uid=new_uid(), invitation_id=inv["id"], after=at, start=start, end=end, at=at)
        if conv_id is None:
            raise ConversationError(_l("That time is not available. Please choose another time."), "slot")
        queries.mark_invitation_booked(db, inv["id"], conv_id, at)
        conv = queries.conversation_for_citizen(db, conv_id, citizen["id"])
        audit.record(db, actor_type="citizen", actor_id=citizen["id"], action="conversation_booked",
                     entity="conversation", entity_id=conv_id, citizen_id=citizen["id"],
                     municipality_id=citizen["municipality_id"],
                     after={**snapshot(conv), "invitation_id": inv["id"]})
        return {"conversation_id": conv_id}
    try:
        done = idempotency.once(db, submission_key, actor(citizen),
                                f"conversation_book:{invitation_id}:{slot_id}", work)
        return done.result["conversation_id"]
    except sqlite3.IntegrityError as error:
        if is_slot_conflict(error):
            raise SlotTaken() from None
        raise


def move(db, *, citizen: dict, conversation_id: int, slot_id: int, fmt: str, phone_number: str | None = None,
         submission_key: str, now: datetime | None = None) -> int:
    """Move a booked conversation to another free published time; the old time is free at once
    and the calendar event keeps its UID with a higher SEQUENCE. A format wish still waiting is
    withdrawn; where a change of format would need approval, the format is kept."""
    now = now or clock.now()
    at = clock.to_db(now)

    def work():
        conv = queries.conversation_for_citizen(db, conversation_id, citizen["id"])
        if conv is None:
            raise NotFound()
        if move_blocker(db, citizen, conv, now):
            raise ConversationError(_l("You cannot move this conversation yourself. Contact the municipality."))
        slot = queries.slot_in_municipality(db, slot_id, conv["municipality_id"])
        if slot is None or slot["status"] != "open" or slot["starts_at"] <= at:
            raise ConversationError(_l("That time is not available. Please choose another time."), "slot")
        if slot["id"] == conv["slot_id"]:
            raise ConversationError(_l("That is the time you already have."), "slot")
        first, last = move_window(db, citizen, conv, now)
        start, end = day_bounds(first, last)
        if not start <= slot["starts_at"] < end:
            raise ConversationError(_l("That time is outside the period you can move to."), "slot")
        if fmt not in move_formats(citizen, conv, slot, now):
            raise ConversationError(_l("Choose one of the ways of meeting offered for this time."), "format")
        number = _phone(fmt, phone_number, citizen, conv)
        _no_overlap(db, citizen, slot, exclude_id=conv["id"])
        video_url = (conv["video_url"] or new_video_url()) if fmt == "video" else None
        queries.move_to_slot(db, conv["id"], slot, fmt=fmt, video_url=video_url, phone_number=number, at=at)
        after = queries.conversation_for_citizen(db, conv["id"], citizen["id"])
        # A wish made for the old time is withdrawn; the citizen can ask again for the new one.
        withdraw_requests(db, conv, actor_type="citizen", actor_id=citizen["id"], at=at, after=after)
        audit.record(db, actor_type="citizen", actor_id=citizen["id"], action="conversation_rebooked",
                     entity="conversation", entity_id=conv["id"], citizen_id=citizen["id"],
                     municipality_id=conv["municipality_id"], before=snapshot(conv), after=snapshot(after))
        return {"conversation_id": conv["id"]}
    try:
        done = idempotency.once(db, submission_key, actor(citizen),
                                f"conversation_move:{conversation_id}:{slot_id}", work)
        return done.result["conversation_id"]
    except sqlite3.IntegrityError as error:
        if is_slot_conflict(error):
            raise SlotTaken() from None
        raise


def ask_for_interpreter(db, *, citizen: dict, language: str, invitation_id: int | None = None,
                        conversation_id: int | None = None, now: datetime | None = None) -> None:
    """The citizen needs an interpreter: the booking goes to the caseworker, who orders one.
    On an invitation the citizen no longer books it; on a booked conversation it is noted."""
    now = now or clock.now()
    at = clock.to_db(now)
    language = language.strip()
    with transaction(db):
        if invitation_id is not None:
            inv = queries.invitation_for_citizen(db, invitation_id, citizen["id"])
            if inv is None or inv["status"] != "open":
                raise NotFound()
            queries.set_invitation_interpreter(db, inv["id"], language, at)
            audit.record(db, actor_type="citizen", actor_id=citizen["id"], action="booking_interpreter_requested",
                         entity="booking_invitation", entity_id=inv["id"], citizen_id=citizen["id"],
                         municipality_id=inv["municipality_id"],
                         after={"interpreter": language, "deadline": inv["deadline"]})
            return
        conv = queries.conversation_for_citizen(db, conversation_id, citizen["id"])
        if conv is None:
            raise NotFound()
        if conv["status"] != "booked" or clock.from_db(conv["starts_at"]) <= now:
            raise ConversationError(_l("This conversation can no longer be changed."))
        queries.set_interpreter(db, conv["id"], language, at)
        audit.record(db, actor_type="citizen", actor_id=citizen["id"], action="conversation_interpreter_requested",
                     entity="conversation", entity_id=conv["id"], citizen_id=citizen["id"],
                     municipality_id=conv["municipality_id"],
                     after={**snapshot(conv), "interpreter": language})
