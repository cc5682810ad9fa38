"""What a caseworker does with conversations: decide format requests, require attendance in
person, mark held or missed, cancel, summon, ask a citizen to book before a deadline, and note
that an interpreter is ordered. Every function is scoped to the caseworker's municipality."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l

from .. import audit, clock, idempotency, labels
from ..i18n import fmt_datetime
from ..db import transaction
from ..workdays import next_working_day
from ..rules import FIXED, FORMATS, format_policy, rules_for
from . import held, queries
from . import queries_caseworker as cq
from .booking import may_self_book
from .service import (ConversationError, NotFound, apply_format, new_uid, new_video_url,
                      rules_on, snapshot, withdraw_requests)


@dataclass(frozen=True)
class Caseworker:
    id: int
    municipality_id: int

    @classmethod
    def of(cls, user) -> "Caseworker":
        if isinstance(user, Caseworker):
            return user
        if isinstance(user, dict):
            return cls(user["id"], user["municipality_id"])
        return cls(user.id, user.municipality_id)


def _log(db, cw: Caseworker, action: str, conv: dict, *, entity="conversation", entity_id=None,
         before=None, after=None) -> None:
    audit.record(db, actor_type="caseworker", actor_id=cw.id, action=action, entity=entity,
                 entity_id=entity_id if entity_id is not None else conv["id"], citizen_id=conv["citizen_id"],
                 municipality_id=cw.municipality_id, before=before, after=after)


def _conversation(db, cw: Caseworker, conversation_id: int) -> dict:
    conv = cq.conversation_in_municipality(db, conversation_id, cw.municipality_id)
    if conv is None:
        raise NotFound()
    return conv


def _citizen_of(conv: dict) -> dict:
    return {"id": conv["citizen_id"], "target_group": conv["target_group"],
            "employment_status": conv["employment_status"], "phone": conv["citizen_phone"]}


# ------------------------------------------------------------------ format requests

def decide_request(db, *, caseworker, request_id: int, approve: bool, reason: str | None = None,
                   now: datetime | None = None) -> str:
    """Approve (the format changes now) or refuse with a reason the citizen reads."""
    cw = Caseworker.of(caseworker)
    now = now or clock.now()
    at = clock.to_db(now)
    reason = (reason or "").strip() or None
    with transaction(db):
        req = cq.request_in_municipality(db, request_id, cw.municipality_id)
        if req is None:
            raise ConversationError(_l("We could not find that request."))
        if req["status"] != "pending":
            raise ConversationError(_l("This request has already been decided."))
        conv = _conversation(db, cw, req["conversation_id"])
        if not approve and not reason:
            raise ConversationError(_l("Write the reason the citizen will read."), "reason")
        if approve:
            if conv["status"] != "booked" or clock.from_db(conv["starts_at"]) <= now:
                raise ConversationError(_l("The conversation has started or is no longer booked. Refuse the request instead."))
            if conv["in_person_ground"] and req["to_format"] != "in_person":
                raise ConversationError(_l("You have required attendance in person for this conversation."))
            number = conv["phone_number"] or conv["citizen_phone"]
            if req["to_format"] == "phone" and not number:
                raise ConversationError(_l("The citizen has not given a phone number. Refuse and ask for one."))
            apply_format(db, conv, req["to_format"], phone_number=number, now=now)
        status = "approved" if approve else "refused"
        cq.decide_request(db, req["id"], status=status, caseworker_id=cw.id, reason=reason, at=at)
        after = cq.conversation_in_municipality(db, conv["id"], cw.municipality_id)
        _log(db, cw, f"format_request_{status}", conv, entity="format_request", entity_id=req["id"],
             before={"format": conv["format"], "status": "pending"},
             after={"conversation_id": conv["id"], "to_format": req["to_format"], "decision_reason": reason,
                    "starts_at": after["starts_at"], "format": after["format"], "status": after["status"],
                    "video_url": after["video_url"], "phone_number": after["phone_number"]})
        return status


def require_in_person(db, *, caseworker, conversation_id: int, ground: str, note: str,
                      now: datetime | None = None) -> None:
    """After a concrete assessment of one citizen: this conversation is in person. The law
    allows only this direction. A wish waiting for the conversation is refused with the reason."""
    cw = Caseworker.of(caseworker)
    now = now or clock.now()
    at = clock.to_db(now)
    note = (note or "").strip()
    with transaction(db):
        conv = _conversation(db, cw, conversation_id)
        if ground not in rules_on(_citizen_of(conv), conv["starts_at"]).in_person_grounds:
            raise ConversationError(_l("Choose the ground for your assessment."), "ground")
        if not note:
            raise ConversationError(_l("Describe your concrete assessment of this citizen."), "note")
        if conv["status"] != "booked" or clock.from_db(conv["starts_at"]) <= now:
            raise ConversationError(_l("The conversation has started or is no longer booked."))
        if conv["in_person_ground"]:
            raise ConversationError(_l("Attendance in person is already required for this conversation."))
        cq.require_in_person(db, conv["id"], ground, note, at)
        if conv["format"] != "in_person":
            apply_format(db, conv, "in_person", phone_number=conv["phone_number"], now=now)
        for req in queries.close_pending_requests(db, conv["id"], status="refused", reason=note,
                                                  decided_by=cw.id, at=at):
            _log(db, cw, "format_request_refused", conv, entity="format_request", entity_id=req["id"],
                 before={"format": conv["format"], "status": "pending"},
                 after={"conversation_id": conv["id"], "to_format": req["to_format"], "decision_reason": note,
                        "starts_at": conv["starts_at"], "format": "in_person", "status": conv["status"],
                        "in_person_ground": ground})
        after = cq.conversation_in_municipality(db, conv["id"], cw.municipality_id)
        _log(db, cw, "conversation_in_person_required", conv, before=snapshot(conv),
             after={**snapshot(after), "in_person_ground": ground, "in_person_note": note})


# ------------------------------------------------------------------ after the start

def mark_held(db, *, caseworker, conversation_id: int, summary: str, next_step: str | None = None,
              agreed=None, now: datetime | None = None) -> None:
    """Every kind of conversation is marked held by the one function in app/conversations/held.py."""
    held.mark_held(db, caseworker=Caseworker.of(caseworker), conversation_id=conversation_id, summary=summary,
                   next_step=next_step, agreed=agreed, now=now)


def mark_missed(db, *, caseworker, conversation_id: int, now: datetime | None = None) -> None:
    cw = Caseworker.of(caseworker)
    now = now or clock.now()
    with transaction(db):
        conv = _conversation(db, cw, conversation_id)
        if conv["status"] != "booked":
            raise ConversationError(_l("This conversation is not booked."))
        if clock.from_db(conv["starts_at"]) > now:
            raise ConversationError(_l("A conversation can be marked missed once it has started."))
        cq.mark_missed(db, conv["id"], clock.to_db(now))
        _log(db, cw, "conversation_missed", conv, before=snapshot(conv),
             after=snapshot({**conv, "status": "missed"}))


def cancel_by_jobcenter(db, *, caseworker, conversation_id: int, reason: str, now: datetime | None = None) -> None:
    cw = Caseworker.of(caseworker)
    now = now or clock.now()
    at = clock.to_db(now)
    reason = (reason or "").strip()
    with transaction(db):
        conv = _conversation(db, cw, conversation_id)
        if not reason:
            raise ConversationError(_l("Write the reason the citizen will read."), "reason")
        if conv["status"] != "booked" or clock.from_db(conv["starts_at"]) <= now:
            raise ConversationError(_l("The conversation has started or is no longer booked."))
        queries.cancel(db, conv["id"], status="cancelled_jobcenter", reason="jobcenter", text=reason, at=at)
        withdraw_requests(db, conv, actor_type="caseworker", actor_id=cw.id, at=at, decided_by=cw.id,
                          after={**conv, "status": "cancelled_jobcenter"})
        _log(db, cw, "conversation_cancelled_by_jobcenter", conv, before=snapshot(conv),
             after={**snapshot({**conv, "status": "cancelled_jobcenter"}), "cancel_reason": "jobcenter",
                    "cancel_text": reason, "cancelled_at": at})


def interpreter_ordered(db, *, caseworker, conversation_id: int, now: datetime | None = None) -> None:
    cw = Caseworker.of(caseworker)
    now = now or clock.now()
    with transaction(db):
        conv = _conversation(db, cw, conversation_id)
        if cq.interpreter_ordered(db, conv["id"], clock.to_db(now)) != 1:
            raise ConversationError(_l("There is no interpreter to order for this conversation."))
        _log(db, cw, "conversation_interpreter_ordered", conv,
             after={**snapshot(conv), "interpreter": conv["interpreter"]})


# ------------------------------------------------------------------ summons and self-booking deadlines

def summon(db, *, caseworker, citizen: dict, starts: datetime, minutes: int, kind: str, fmt: str,
           location: str | None, phone_number: str | None, prepare: str | None, interpreter: str | None,
           submission_key: str, now: datetime | None = None) -> int:
    """Summon a citizen (indkaldelse) at a time the caseworker sets."""
    cw = Caseworker.of(caseworker)
    now = now or clock.now()
    at = clock.to_db(now)

    def work():
        nonlocal location
        if citizen["municipality_id"] != cw.municipality_id:
            raise NotFound()
        if starts <= now:
            raise ConversationError(_l("Choose a time in the future."), "day")
        if fmt not in FORMATS:
            raise ConversationError(_l("Choose how the conversation is held."), "format")
        rules = rules_on(citizen, starts)
        if starts - now < rules.summons_notice:
            earliest = clock.local(now + rules.summons_notice)
            raise ConversationError(_l("A summons must give the citizen at least %(num)s days' notice. Choose a time "
                                       "from %(first)s.", num=rules.summons_notice.days,
                                       first=fmt_datetime(earliest)), "day")
        policy = format_policy(rules, kind, citizen.get("employment_status"))
        if policy.mode == FIXED and not policy.allows(fmt):
            raise ConversationError(_l("The rules fix this kind of conversation to in person."), "format")
        if kind == rules.first_conversation_kind and fmt != policy.default:
            # The first conversation is in person (002 [L446-491]); another format is the citizen's
            # wish afterwards, as a request or, where the rules let them choose, at once.
            raise ConversationError(_l("The first conversation is summoned as: %(format)s. The citizen can ask "
                                       "for another format afterwards.",
                                       format=labels.label(labels.FORMATS, policy.default)), "format")
        location = (location or "").strip() or None
        if fmt == "in_person" and not location:
            raise ConversationError(_l("Enter the place of the conversation."), "location")
        number = (phone_number or "").strip() or citizen.get("phone")
        if fmt == "phone" and not number:
            raise ConversationError(_l("Enter the phone number to call."), "phone_number")
        ends = starts + timedelta(minutes=minutes)
        if queries.overlapping(db, citizen["id"], clock.to_db(starts), clock.to_db(ends)):
            raise ConversationError(_l("The citizen already has a conversation at that time."), "time")
        conv_id = cq.insert_summons(
            db, citizen_id=citizen["id"], municipality_id=cw.municipality_id, caseworker_id=cw.id, kind=kind,
            starts_at=clock.to_db(starts), ends_at=clock.to_db(ends), fmt=fmt,
            location=location if fmt == "in_person" else None,
            video_url=new_video_url() if fmt == "video" else None, phone_number=number if fmt == "phone" else None,
            prepare=(prepare or "").strip() or None, interpreter=(interpreter or "").strip() or None,
            uid=new_uid(), at=at)
        inv = cq.open_invitation(db, citizen["id"], cw.municipality_id)
        if inv and inv["interpreter"]:
            # The citizen asked for an interpreter instead of booking: this summons is that booking.
            queries.mark_invitation_booked(db, inv["id"], conv_id, at)
        conv = cq.conversation_in_municipality(db, conv_id, cw.municipality_id)
        _log(db, cw, "conversation_summoned", conv, after={**snapshot(conv), "prepare": conv["prepare"],
                                                          "interpreter": conv["interpreter"]})
        return {"conversation_id": conv_id}
    done = idempotency.once(db, submission_key, f"caseworker:{cw.id}", f"conversation_summon:{citizen['id']}", work)
    return done.result["conversation_id"]


def earliest_deadline(citizen: dict, today: date) -> date:
    rules = rules_for(citizen["target_group"], today)
    return next_working_day(today + timedelta(days=rules.self_booking_min_days))


def create_invitation(db, *, caseworker, citizen: dict, kind: str, deadline: date, window_start: date,
                      window_end: date, prepare: str | None, submission_key: str,
                      now: datetime | None = None) -> int:
    """Ask the citizen to book a time before a deadline of at least the rules' minimum; a deadline
    on a weekend or holiday moves to the next working day."""
    cw = Caseworker.of(caseworker)
    now = now or clock.now()
    at = clock.to_db(now)
    today = clock.local(now).date()

    def work():
        nonlocal deadline
        if citizen["municipality_id"] != cw.municipality_id:
            raise NotFound()
        rules = rules_for(citizen["target_group"], today)
        if not may_self_book(citizen, rules):
            raise ConversationError(_l("This citizen does not book conversations themselves. Summon them instead."))
        if kind not in rules.invitation_kinds:
            raise ConversationError(_l("This kind of conversation is summoned, not self-booked."), "kind")
        deadline = next_working_day(deadline)
        if deadline < today + timedelta(days=rules.self_booking_min_days):
            raise ConversationError(_l("The deadline must be at least %(num)s days from today.",
                                       num=rules.self_booking_min_days), "deadline")
        if window_start < today:
            raise ConversationError(_l("The first day cannot be in the past."), "window_start")
        if window_end < window_start:
            raise ConversationError(_l("The last day must be on or after the first day."), "window_end")
        if cq.open_invitation(db, citizen["id"], cw.municipality_id):
            raise ConversationError(_l("The citizen already has an open booking invitation."))
        inv_id = cq.insert_invitation(
            db, citizen_id=citizen["id"], municipality_id=cw.municipality_id, caseworker_id=cw.id, kind=kind,
            deadline=deadline.isoformat(), window_start=window_start.isoformat(), window_end=window_end.isoformat(),
            prepare=(prepare or "").strip() or None, at=at)
        audit.record(db, actor_type="caseworker", actor_id=cw.id, action="booking_invitation_created",
                     entity="booking_invitation", entity_id=inv_id, citizen_id=citizen["id"],
                     municipality_id=cw.municipality_id,
                     after={"deadline": deadline.isoformat(), "window_start": window_start.isoformat(),
                            "window_end": window_end.isoformat(), "kind": kind, "status": "open"})
        return {"invitation_id": inv_id}
    done = idempotency.once(db, submission_key, f"caseworker:{cw.id}", f"booking_invitation:{citizen['id']}", work)
    return done.result["invitation_id"]


# ------------------------------------------------------------------ exemption from self-booking

def set_self_booking_exemption(db, *, caseworker, citizen: dict, reason: str | None,
                               now: datetime | None = None) -> str | None:
    """Exempt a citizen from self-booking for one of the reasons their rules list (they are then
    summoned), or clear the exemption with None. Returns the reason now set."""
    cw = Caseworker.of(caseworker)
    now = now or clock.now()
    reason = reason or None
    with transaction(db):
        current = cq.citizen_exemption(db, citizen["id"], cw.municipality_id)
        if current is None:
            raise NotFound()
        rules = rules_for(citizen["target_group"], clock.local(now).date())
        if reason is not None and reason not in rules.self_booking_exemptions:
            raise ConversationError(_l("Choose one of the reasons in the list."), "exempt_reason")
        before = current["self_booking_exempt_reason"]
        if before == reason:
            return reason
        cq.set_exemption(db, citizen["id"], cw.municipality_id, reason)
        audit.record(db, actor_type="caseworker", actor_id=cw.id, action="citizen_self_booking_exemption_set",
                     entity="citizen", entity_id=citizen["id"], citizen_id=citizen["id"],
                     municipality_id=cw.municipality_id, before={"self_booking_exempt_reason": before},
                     after={"self_booking_exempt_reason": reason})
        return reason
