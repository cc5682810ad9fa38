"""Everything the citizen's follow-up pages and the Min Plan section show, gathered in one call."""
from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app

from .. import clock, memo
from ..rules import Rules, format_policy, rules_for
from ..rules.model import KIND_FOLLOWUP_FIRST
from . import formsteps, queries, service
from .standing import (FormDeadline, Schedule, Standing, after_return, form_deadline, has_employer, schedule,
                       standing)


@dataclass
class Overview:
    citizen: dict
    rules: Rules
    case: dict | None
    form: dict | None
    answers: dict
    deadline: FormDeadline | None
    next_step: formsteps.Step | None   # the first unanswered page of an open form
    standing: Standing
    schedule: Schedule
    upcoming: list                     # booked follow-ups, soonest first
    latest_held: dict | None
    open_request: dict | None
    format_rules: Rules                # the rules on the next booked follow-up's date (today's if none)
    first_policy: str                  # the format policy of the first follow-up: fixed/choice/approval
    employed: bool
    today: date
    viewer: str = "citizen"            # who reads it: "citizen" or "caseworker" (links differ)

    @property
    def form_state(self) -> str:
        if self.form is None:
            return "not_sent"
        return "submitted" if self.form["submitted_at"] else "open"

    @property
    def next_followup(self) -> dict | None:
        return self.upcoming[0] if self.upcoming else None

    @property
    def booked_before_deadline(self) -> bool:
        deadline = self.schedule.next_deadline
        conv = self.next_followup
        return bool(deadline and conv and clock.local(clock.from_db(conv["starts_at"])).date() <= deadline)

    @property
    def overdue(self) -> bool:
        return self.schedule.overdue(self.today, self.booked_before_deadline)

    @property
    def first_held(self) -> bool:
        return self.schedule.held > 0

    @property
    def format_page(self) -> bool:
        """The conversations area's page for changing the format (contract), once it exists."""
        return "conversations.change_format" in current_app.view_functions

    @property
    def retention_status(self) -> str | None:
        return self.case["retention_plan_status"] if self.case else None

    @property
    def full_return_on(self) -> date | None:
        return _day(self.case["full_return_on"]) if self.case else None

    @property
    def returned(self) -> bool:
        """Fully back at work (from today or earlier): nothing of "while you are ill" applies."""
        return self.standing.stopped_on is not None

    def after_return(self, conv: dict) -> bool:
        """Booked for the day of a registered full return or later, before the return was
        registered, and not kept by the caseworker: the caseworker decides."""
        return self.not_required(conv) == "returned"

    def not_required(self, conv: dict) -> str | None:
        """Why a booked follow-up is no longer required, until the caseworker decides (cancel, or
        keep it: followup_kept_at): "returned" (booked for the day of a full return or later), or
        "none_required" (the information form says no follow-up is required). One answer for Min
        Plan, the follow-up page, the conversation and 'What to do now'. A conversation booked
        after the fact, or kept, is the caseworker's decision: None."""
        if conv.get("followup_kept_at"):
            return None
        case = self.case or {}
        if after_return(_local_day(conv["starts_at"]), self.full_return_on) and not _booked_after(
                conv, case.get("return_registered_at")):
            return "returned"
        if (self.schedule.reason in ("return_within", "municipality_decides") and self.form_state == "submitted"
                and not _booked_after(conv, self.form["submitted_at"])):
            return "none_required"
        return None


def _booked_after(conv: dict, moment: str | None) -> bool:
    return bool(moment and conv.get("created_at") and conv["created_at"] > moment)


def _local_day(value: str) -> date:
    return clock.local(clock.from_db(value)).date()


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def build(db, citizen: dict, now: datetime | None = None) -> Overview:
    """The citizen's follow-up overview, read once per request (app/memo.py): Min Plan's section,
    its next action and the case page's tab all ask for it."""
    return memo.per_request(db, ("followup_overview", citizen["id"]), lambda: _build(db, citizen, now))


def _build(db, citizen: dict, now: datetime | None) -> Overview:
    now = now or clock.now()
    case = queries.case_for_citizen(db, citizen["id"])
    form = queries.form_for_case(db, case["id"]) if case else None
    held = queries.held_followups(db, citizen["id"])
    return assemble(citizen, case, form, held_count=len(held), latest_held=held[0] if held else None,
                    upcoming=queries.upcoming_followups(db, citizen["id"], clock.to_db(now)),
                    open_request=queries.open_request(db, citizen["id"]), now=now)


def assemble(citizen: dict, case: dict | None, form: dict | None, *, held_count: int, latest_held: dict | None,
             upcoming: list, open_request: dict | None, now: datetime) -> Overview:
    """The overview from rows already read (the caseworker's queue reads them for many citizens at once)."""
    today = clock.local(now).date()
    rules = rules_for(citizen["target_group"], today)
    sick = rules.sick
    answers = service.answers_of(form)
    status = citizen.get("employment_status") or (case or {}).get("employment_status")
    first_day = _day(case["first_sick_day"]) if case else _day(citizen["group_since"])
    full_return = _day(case["full_return_on"]) if case else None

    deadline = None
    next_step = None
    if form is not None:
        sent_on = clock.local(clock.from_db(form["sent_at"])).date()
        deadline = form_deadline(sent_on, today, rules_for(citizen["target_group"], sent_on).sick, sick,
                                 submitted=bool(form["submitted_at"]))
        if not form["submitted_at"]:
            next_step = formsteps.first_unanswered(answers, sick)

    # The citizen's own expectation and the employer's, both needed for the 26-week rule; the
    # citizen row's flag records that both were "yes" when the form was sent.
    within = (case or {}).get("return_within")
    employer_within = (case or {}).get("employer_return_within")
    if citizen.get("expected_return_within_26_weeks"):
        within = employer_within = "yes"
    # Who may hold a follow-up by phone or video is decided by the rules on the meeting's date.
    format_rules = rules_for(citizen["target_group"], _local_day(upcoming[0]["starts_at"])) if upcoming else rules
    return Overview(
        citizen=citizen, rules=rules, case=case, form=form, answers=answers, deadline=deadline,
        next_step=next_step,
        standing=standing(first_day, status, today, sick, full_return_on=full_return,
                          partial=bool(case and case["partial"])),
        schedule=schedule(first_day, status, today, sick, held=held_count, return_within=within,
                          employer_return_within=employer_within, full_return_on=full_return,
                          expected_duration=(case or {}).get("expected_duration"),
                          predictable=bool(case and case.get("predictable_course"))),
        upcoming=upcoming, latest_held=latest_held, open_request=open_request,
        format_rules=format_rules,
        first_policy=format_policy(format_rules, KIND_FOLLOWUP_FIRST, status).mode,
        employed=has_employer(status, sick),
        today=today,
    )
