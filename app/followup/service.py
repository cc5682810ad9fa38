"""What the follow-up area does: plain functions that check, write through queries inside one
transaction together with the audit entry, and raise FollowupError for the user to read."""
import json
from datetime import date, datetime

from flask_babel import lazy_gettext as _l

from .. import audit, clock, idempotency
from ..db import transaction
from ..errors import UserError
from ..rules import rules_for
from . import formsteps, queries
from .standing import has_employer


class FollowupError(UserError):
    """A refusal in the sickness follow-up the user should read (app/errors.py)."""


class NotFound(FollowupError):
    def __init__(self):
        super().__init__(_l("We could not find that."))


def _now(now: datetime | None) -> datetime:
    return now or clock.now()


def sick_rules(citizen: dict, on_date: date | None = None):
    """The sick-leave rules for the citizen's group, or None when the group has none."""
    return rules_for(citizen["target_group"], on_date or clock.today()).sick


def answers_of(form: dict | None) -> dict:
    return json.loads(form["answers"]) if form and form["answers"] else {}


def _ensure_case(db, citizen: dict, now_s: str) -> dict:
    """The citizen's sick-leave case, opened from what is known when it does not exist yet.
    Call inside a transaction."""
    case = queries.case_for_citizen(db, citizen["id"])
    if case is None:
        queries.insert_case(db, citizen_id=citizen["id"], municipality_id=citizen["municipality_id"],
                            first_sick_day=citizen["group_since"][:10],
                            employment_status=citizen.get("employment_status"), now=now_s)
        case = queries.case_for_citizen(db, citizen["id"])
    return case


def _audit(db, citizen, action, entity, entity_id, *, actor="citizen", actor_id=None, before=None, after=None):
    audit.record(db, actor_type=actor, actor_id=actor_id if actor_id is not None else citizen["id"],
                 action=action, entity=entity, entity_id=entity_id, citizen_id=citizen["id"],
                 municipality_id=citizen["municipality_id"], before=before, after=after)


# ------------------------------------------------------------------ the information form
def send_form(db, *, caseworker_id: int, citizen: dict, key: str, now: datetime | None = None) -> int:
    """Open the case (if needed) and send the information form; sending twice sends once."""
    now_s = clock.to_db(_now(now))

    def work():
        case = _ensure_case(db, citizen, now_s)
        form = queries.form_for_case(db, case["id"])
        if form is None:
            form_id = queries.insert_form(db, case_id=case["id"], citizen_id=citizen["id"], sent_at=now_s,
                                          sent_by=caseworker_id)
            _audit(db, citizen, "info_form_sent", "info_form", form_id, actor="caseworker", actor_id=caseworker_id,
                   after={"case_id": case["id"], "sent_at": now_s})
        else:
            form_id = form["id"]
        return {"form_id": form_id}
    done = idempotency.once(db, key, f"caseworker:{caseworker_id}", f"info_form_send:{citizen['id']}", work)
    return done.result["form_id"]


def _open_form(db, citizen: dict):
    case = queries.case_for_citizen(db, citizen["id"])
    form = queries.form_for_case(db, case["id"]) if case else None
    if form is None:
        raise FollowupError(_l("The municipality has not sent you the information form yet."))
    return case, form


def save_step(db, *, citizen: dict, step: formsteps.Step, values: dict, now: datetime | None = None) -> dict:
    """Keep one page's answers, so the citizen can stop and come back. Returns all answers."""
    now_s = clock.to_db(_now(now))
    sick = sick_rules(citizen)
    with transaction(db):
        _case, form = _open_form(db, citizen)
        if form["submitted_at"]:
            raise FollowupError(_l("You have already sent the form."))
        answers = formsteps.merge(answers_of(form), values, sick)
        queries.save_answers(db, form["id"], json.dumps(answers, ensure_ascii=False), now_s)
        _audit(db, citizen, "info_form_saved", "info_form", form["id"], after={"step": step.key})
        return answers


def submit_form(db, *, citizen: dict, key: str, now: datetime | None = None) -> str:
    """Send the form once: the answers become the case's facts. Returns the registered time (UTC
    text); a repeated submit returns the first one."""
    now_s = clock.to_db(_now(now))
    sick = sick_rules(citizen)

    def work():
        case, form = _open_form(db, citizen)
        if form["submitted_at"]:
            return {"submitted_at": form["submitted_at"]}
        answers = answers_of(form)
        missing = formsteps.first_unanswered(answers, sick)
        if missing is not None:
            raise FollowupError(_l("Some questions are not answered yet."), missing.slug)
        employed = has_employer(answers["employment_status"], sick)
        retention = answers.get("retention_plan")
        retention_by = retention if retention and retention != "none" else None
        values = {
            "first_sick_day": answers["first_sick_day"],
            "employment_status": answers["employment_status"],
            "partial": int(answers.get("partial") == "yes"),
            "partial_hours": answers.get("partial_hours"),
            "expected_duration": answers.get("expected_duration"),
            "expected_return_on": answers.get("expected_return_on"),
            "employer_knows": answers.get("employer_knows") if employed else None,
            "return_within": answers.get("return_within") if employed else None,
            "employer_return_within": answers.get("employer_return_within") if employed else None,
            "wants_help": int(answers.get("wants_help") == "yes"),
            "note": answers.get("note"),
        }
        if retention_by:
            values["retention_plan_requested_by"] = retention_by
            if not case["retention_plan_status"]:
                values["retention_plan_status"] = "requested"
        queries.update_case(db, case["id"], values, now_s)
        # The 26-week rule needs both to expect the return; if they differ, the follow-up applies.
        within = employed and answers.get("return_within") == "yes" and answers.get("employer_return_within") == "yes"
        queries.update_citizen_sick_facts(db, citizen["id"], answers["employment_status"], within, now_s)
        queries.mark_submitted(db, form["id"], now_s)
        _audit(db, citizen, "info_form_submitted", "info_form", form["id"],
               before={"employment_status": citizen.get("employment_status"),
                       "expected_return_within_26_weeks": citizen.get("expected_return_within_26_weeks")},
               after={"submitted_at": now_s, **values})
        return {"submitted_at": now_s}
    return idempotency.once(db, key, f"citizen:{citizen['id']}", "info_form_submit", work).result["submitted_at"]


# ------------------------------------------------------------------ before a follow-up conversation
def answer_status(db, *, citizen: dict, conversation_id: int, values: dict, key: str,
                  now: datetime | None = None) -> str:
    """The short status questionnaire; answering again before the meeting updates the answers."""
    now = _now(now)
    now_s = clock.to_db(now)

    def work():
        conv = queries.followup_for_citizen(db, conversation_id, citizen["id"])
        if conv is None:
            raise NotFound()
        if conv["status"] != "booked" or clock.from_db(conv["starts_at"]) <= now:
            raise FollowupError(_l("This conversation has started or is over, so the questions are closed."))
        before = queries.answers_for(db, conversation_id)
        queries.upsert_answers(db, conversation_id=conversation_id, citizen_id=citizen["id"],
                               municipality_id=conv["municipality_id"], values=values, now=now_s)
        _audit(db, citizen, "followup_status_answered", "conversation", conversation_id,
               before={k: before[k] for k in values} if before else None,
               after={**values, "starts_at": conv["starts_at"], "format": conv["format"], "status": conv["status"]})
        return {"conversation_id": conversation_id}
    done = idempotency.once(db, key, f"citizen:{citizen['id']}", f"followup_status:{conversation_id}", work)
    return queries.answers_for(db, conversation_id)["updated_at"] if done.repeated else now_s


# ------------------------------------------------------------------ the citizen's other actions
def request_conversation(db, *, citizen: dict, topic: str | None, preferred_format: str | None, key: str,
                         now: datetime | None = None) -> int:
    """The citizen can always ask for a conversation. One open request at a time."""
    now_s = clock.to_db(_now(now))

    def work():
        existing = queries.open_request(db, citizen["id"])
        if existing is not None:
            request_id = existing["id"]
        else:
            request_id = queries.insert_request(db, citizen_id=citizen["id"], municipality_id=citizen["municipality_id"],
                                                topic=(topic or "").strip() or None,
                                                preferred_format=preferred_format or None, now=now_s)
            _audit(db, citizen, "followup_conversation_requested", "followup_request", request_id,
                   after={"topic": topic, "preferred_format": preferred_format, "status": "open"})
        return {"request_id": request_id}
    return idempotency.once(db, key, f"citizen:{citizen['id']}", "followup_request", work).result["request_id"]


def register_return(db, *, citizen: dict, kind: str, on_date: date, hours: int | None, key: str,
                    now: datetime | None = None) -> str:
    """Partial or full return to work (raskmelding). A full return stops the week count and the
    required follow-ups; a partial one changes the hours, and the weeks still count."""
    now_s = clock.to_db(_now(now))

    def work():
        case = _ensure_case(db, citizen, now_s)
        if on_date < date.fromisoformat(case["first_sick_day"]):
            raise FollowupError(_l("The date cannot be before your first day of absence."), "on_date")
        before = {k: case[k] for k in ("partial", "partial_hours", "partial_from", "full_return_on")}
        if kind == "full":
            values = {"full_return_on": on_date.isoformat()}
        else:
            values = {"partial": 1, "partial_hours": hours, "partial_from": on_date.isoformat(), "full_return_on": None}
        values["return_registered_at"] = now_s
        queries.update_case(db, case["id"], values, now_s)
        _audit(db, citizen, "sick_return_registered", "sick_case", case["id"], before=before,
               after={"kind": kind, "on_date": on_date.isoformat(), "hours": hours})
        return {"registered_at": now_s}
    return idempotency.once(db, key, f"citizen:{citizen['id']}", "sick_return", work).result["registered_at"]


def ask_retention_plan(db, *, citizen: dict, key: str, now: datetime | None = None) -> str:
    """Only for someone sick-listed from a job (a retention plan is about keeping that job)."""
    now_s = clock.to_db(_now(now))

    def work():
        case = queries.case_for_citizen(db, citizen["id"])
        status = citizen.get("employment_status") or (case or {}).get("employment_status")
        if not has_employer(status, sick_rules(citizen)):
            raise FollowupError(_l("A retention plan is for people who are sick-listed from a job. "
                                   "If you would like help to return to work, ask for a conversation."))
        back = (case or {}).get("full_return_on")
        if back and back[:10] <= clock.local(_now(now)).date().isoformat():
            # Back at work: the page no longer offers it; a stale page or a hand-made post is told why.
            raise FollowupError(_l("You have told us you are back at work, so a retention plan is no longer needed. "
                                   "If you would like to talk to us, ask for a conversation."))
        case = _ensure_case(db, citizen, now_s)
        by = case["retention_plan_requested_by"]
        new_by = "both" if by in ("employer", "both") else "citizen"
        values = {"retention_plan_requested_by": new_by}
        if not case["retention_plan_status"]:
            values["retention_plan_status"] = "requested"
        queries.update_case(db, case["id"], values, now_s)
        _audit(db, citizen, "retention_plan_requested", "sick_case", case["id"],
               before={"requested_by": by, "status": case["retention_plan_status"]}, after=values)
        return {"registered_at": now_s}
    return idempotency.once(db, key, f"citizen:{citizen['id']}", "retention_plan_ask", work).result["registered_at"]


# ------------------------------------------------------------------ the caseworker
def predictable_applies(citizen: dict, conv: dict, on_date: date | None = None) -> bool:
    """May the caseworker record a predictable course at this conversation? Only at the first
    follow-up, for an employment status the rules name (sygedagpengeloven § 13 f)."""
    sick = sick_rules(citizen, on_date)
    return (sick is not None and sick.first_only_if_back_within_weeks is not None
            and conv["kind"] == "followup_first" and citizen.get("employment_status") in sick.first_only_for)


def mark_held(db, *, caseworker_id: int, municipality_id: int, conversation_id: int, summary: str,
              next_step: str | None, predictable: bool = False, agreed=None, now: datetime | None = None) -> dict:
    """The follow-up was held: marked by the one mark_held for every conversation
    (app/conversations/held.py), with a short note the citizen reads on Min Plan and "det
    aftalte". At the first follow-up the caseworker may record a predictable course: an employed
    citizen expected fully back within the rules' weeks then needs only this conversation (§ 13 f)."""
    from ..conversations import held
    from ..conversations.decisions import Caseworker
    from ..conversations.service import ConversationError
    from ..conversations.service import NotFound as ConversationNotFound
    now = _now(now)
    if queries.followup_in_municipality(db, conversation_id, municipality_id) is None:
        raise NotFound()

    def on_held(db, conv, now_s):
        citizen = queries.citizen_in_municipality(db, conv["citizen_id"], municipality_id)
        if predictable and citizen is not None and predictable_applies(citizen, conv, clock.local(now).date()):
            case = _ensure_case(db, citizen, now_s)
            if not case["predictable_course"]:
                queries.update_case(db, case["id"], {"predictable_course": 1}, now_s)
                _audit(db, citizen, "sick_predictable_course_set", "sick_case", case["id"], actor="caseworker",
                       actor_id=caseworker_id, before={"predictable_course": 0}, after={"predictable_course": 1})

    try:
        return held.mark_held(db, caseworker=Caseworker(caseworker_id, municipality_id), conversation_id=conversation_id,
                              summary=summary, next_step=next_step, agreed=agreed, on_held=on_held, now=now)
    except ConversationNotFound:
        raise NotFound() from None
    except ConversationError as refused:
        if refused.field:
            raise FollowupError(refused.message, refused.field) from None
        raise FollowupError(_l("Only a booked follow-up that has started can be marked as held.")) from None


def handle_request(db, *, caseworker_id: int, municipality_id: int, request_id: int,
                   now: datetime | None = None) -> dict:
    now_s = clock.to_db(_now(now))
    with transaction(db):
        request = queries.request_by_id(db, request_id)
        if request is None or request["municipality_id"] != municipality_id:
            raise NotFound()
        if request["status"] == "open":
            queries.mark_request_handled(db, request_id, caseworker_id, now_s)
            audit.record(db, actor_type="caseworker", actor_id=caseworker_id, action="followup_request_handled",
                         entity="followup_request", entity_id=request_id, citizen_id=request["citizen_id"],
                         municipality_id=municipality_id, before={"status": "open"},
                         after={"status": "handled", "handled_at": now_s})
        return request


def set_retention_status(db, *, caseworker_id: int, citizen: dict, status: str, note: str | None,
                         now: datetime | None = None) -> None:
    now_s = clock.to_db(_now(now))
    with transaction(db):
        case = _ensure_case(db, citizen, now_s)
        values = {"retention_plan_status": status, "retention_plan_note": (note or "").strip() or None}
        queries.update_case(db, case["id"], values, now_s)
        _audit(db, citizen, "retention_plan_status_changed", "sick_case", case["id"], actor="caseworker",
               actor_id=caseworker_id,
               before={"retention_plan_status": case["retention_plan_status"],
                       "retention_plan_note": case["retention_plan_note"]}, after=values)


def keep_followup(db, *, caseworker_id: int, municipality_id: int, conversation_id: int,
                  now: datetime | None = None) -> dict:
    """The caseworker keeps a booked follow-up that is no longer required: the citizen sees it as
    an ordinary conversation again (with the status questions). Keeping twice keeps once."""
    now_s = clock.to_db(_now(now))
    with transaction(db):
        conv = queries.followup_in_municipality(db, conversation_id, municipality_id)
        if conv is None:
            raise NotFound()
        if conv["status"] != "booked":
            raise FollowupError(_l("Only a booked follow-up can be kept."))
        if conv.get("followup_kept_at"):
            return conv
        queries.mark_kept(db, conversation_id, now_s)
        audit.record(db, actor_type="caseworker", actor_id=caseworker_id, action="followup_kept",
                     entity="conversation", entity_id=conversation_id, citizen_id=conv["citizen_id"],
                     municipality_id=conv["municipality_id"], before={"followup_kept_at": None},
                     after={"followup_kept_at": now_s, "starts_at": conv["starts_at"]})
        return conv
