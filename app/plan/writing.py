"""The plan written by the caseworker: goals added, changed and ended; activities and offers
from the catalogue (app/plan/catalogue.py) added and changed. Each change is checked against
the rules of the citizen's group, written in one transaction with its audit entry (who, when,
before, after) and claimed with the form's submission key, so a double submit acts once. The
notify sweep turns the audit entry into the citizen's "Your plan has been updated".

The citizen's side: a visit to Min Plan marks what changed since their previous visit, and
they can confirm they have read the plan (a receipt the caseworker sees)."""
import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import NotFound as HTTPNotFound

from .. import audit, clock, idempotency
from ..db import transaction
from ..errors import UserError
from ..rules.offers import EDUCATION_GOAL_GROUPS
from . import catalogue, queries

GOAL_KINDS = ("job", "education")
STATUSES = ("planned", "active", "completed", "cancelled")
TITLE_MAX, PROVIDER_MAX, NOTE_MAX, REASON_MAX = 120, 120, 1000, 300
# SETTING: an education goal is for citizens under this age (DOMAIN.md: under-30s without a
# qualification, 001 [L1195-1224]); whether they have a qualification is the caseworker's judgement.
EDUCATION_GOAL_UNDER_AGE = 30
# SETTING: visits to Min Plan less than this apart are one visit, so a reload keeps the marks.
VISIT_GAP = timedelta(minutes=10)


class PlanError(UserError):
    """A change the caseworker must correct; `field` names the form field it belongs to."""


class NotFound(HTTPNotFound):
    """The goal or activity is not the citizen's (or is gone): the page answers 404."""


def _actor(caseworker) -> str:
    return f"caseworker:{caseworker.id}"


def birth_date(cpr: str | None) -> date | None:
    """The date of birth a CPR number holds (the 7th digit tells the century); None if unreadable."""
    digits = "".join(ch for ch in (cpr or "") if ch.isdigit())
    if len(digits) != 10:
        return None
    day, month, year, seventh = int(digits[:2]), int(digits[2:4]), int(digits[4:6]), int(digits[6])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if year <= 36 else 1900
    else:
        century = 2000 if year <= 57 else 1800
    try:
        return date(century + year, month, day)
    except ValueError:
        return None


def education_goal_allowed(citizen: dict, on_date: date) -> bool:
    if citizen.get("target_group") in EDUCATION_GOAL_GROUPS:
        return True
    born = birth_date(citizen.get("cpr"))
    if born is None:
        return True  # the caseworker decides
    age = on_date.year - born.year - ((on_date.month, on_date.day) < (born.month, born.day))
    return age < EDUCATION_GOAL_UNDER_AGE


# ------------------------------------------------------------------ validation
def _text(value, field, maximum, required_message=None) -> str | None:
    value = (value or "").strip()
    if not value:
        if required_message:
            raise PlanError(required_message, field)
        return None
    if len(value) > maximum:
        raise PlanError(_l("Write at most %(num)s characters.", num=maximum), field)
    return value


def check_goal(citizen: dict, values: dict, today: date) -> dict:
    kind = values.get("kind")
    if kind not in GOAL_KINDS:
        raise PlanError(_l("Choose the kind of goal."), "kind")
    if kind == "education" and not education_goal_allowed(citizen, today):
        raise PlanError(_l("An education goal is for citizens under %(age)s without a qualification.",
                           age=EDUCATION_GOAL_UNDER_AGE), "kind")
    return {"kind": kind,
            "title": _text(values.get("title"), "title", TITLE_MAX, _l("Write the goal.")),
            "note": _text(values.get("note"), "note", NOTE_MAX)}


@dataclass(frozen=True)
class LimitNote:
    """Where a rule limits an activity: what the limit is, for the caseworker to read."""
    weeks: int
    extended_weeks: int | None
    source: str


def limit_for(kind: str, group: str, on_date: date) -> LimitNote | None:
    limit = catalogue.catalogue_for(on_date).limit(kind, group)
    return LimitNote(limit.weeks, limit.extended_weeks, limit.source) if limit else None


def duration_weeks(starts_on: date | None, ends_on: date | None, expected_weeks: int | None) -> int | None:
    if starts_on and ends_on:
        return math.ceil(((ends_on - starts_on).days + 1) / 7)
    return expected_weeks


def check_activity(citizen: dict, values: dict, today: date, *, current_kind: str | None = None) -> dict:
    kind = values.get("kind")
    if kind not in catalogue.BY_CODE and kind != current_kind:
        raise PlanError(_l("Choose the kind of activity or offer."), "kind")
    status = values.get("status") or "planned"
    if status not in STATUSES:
        raise PlanError(_l("Choose a status."), "status")
    starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
    expected = values.get("expected_weeks")
    hours = values.get("hours_per_week")
    if starts_on is None:
        raise PlanError(_l("Enter the first day."), "starts_on")
    if ends_on is not None and ends_on < starts_on:
        raise PlanError(_l("The last day cannot be before the first day."), "ends_on")
    span = timedelta(days=366 * catalogue.MAX_YEARS)
    if starts_on > today + span:
        raise PlanError(_l("Check the date: it lies more than %(num)s years ahead.", num=catalogue.MAX_YEARS),
                        "starts_on")
    if ends_on is not None and ends_on > starts_on + span:
        raise PlanError(_l("Check the date: it lies more than %(num)s years ahead.", num=catalogue.MAX_YEARS),
                        "ends_on")
    if expected is not None and not 1 <= expected <= 52 * catalogue.MAX_YEARS:
        raise PlanError(_l("Enter the expected duration as a whole number of weeks from 1 to %(num)s.",
                           num=52 * catalogue.MAX_YEARS), "expected_weeks")
    if hours is not None and not 1 <= hours <= catalogue.MAX_HOURS:
        raise PlanError(_l("Enter the hours a week as a whole number from 1 to %(num)s.", num=catalogue.MAX_HOURS),
                        "hours_per_week")
    extended = bool(values.get("extended"))
    limit = limit_for(kind, citizen["target_group"], starts_on)
    weeks = duration_weeks(starts_on, ends_on, expected)
    if limit is not None:
        if weeks is None:
            raise PlanError(_l("Enter the last day or the expected duration: this offer can last at most %(num)s weeks.",
                               num=limit.weeks), "ends_on")
        longest = limit.extended_weeks if (extended and limit.extended_weeks) else limit.weeks
        if weeks > longest:
            if limit.extended_weeks and not extended:
                message = _l("For this target group the offer can last at most %(num)s weeks. After a concrete "
                             "assessment it can be extended to %(ext)s weeks: tick the extension.",
                             num=limit.weeks, ext=limit.extended_weeks)
            else:
                message = _l("For this target group the offer can last at most %(num)s weeks.", num=longest)
            raise PlanError(message, "ends_on")
    reason = _text(values.get("cancel_reason"), "cancel_reason", REASON_MAX,
                   _l("Write why the activity is cancelled.") if status == "cancelled" else None)
    return {"kind": kind,
            "title": _text(values.get("title"), "title", TITLE_MAX, _l("Write a title the citizen will understand.")),
            "provider": _text(values.get("provider"), "provider", PROVIDER_MAX),
            "status": status,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
            "expected_weeks": expected if not ends_on else None,
            "hours_per_week": hours,
            "note": _text(values.get("note"), "note", NOTE_MAX),
            "cancel_reason": reason if status == "cancelled" else None,
            "extended": 1 if (extended and limit is not None and limit.extended_weeks) else 0}


# ------------------------------------------------------------------ changes
def _record(db, caseworker, citizen, action, entity, entity_id, before, after) -> None:
    audit.record(db, actor_type="caseworker", actor_id=caseworker.id, action=action, entity=entity,
                 entity_id=entity_id, citizen_id=citizen["id"], municipality_id=citizen["municipality_id"],
                 before=before, after=after)


def _same(old, new) -> bool:
    """An empty text and no text are the same; nothing else is."""
    return (None if old == "" else old) == (None if new == "" else new)


def _run(db, key, caseworker, action, work):
    """`work()` inside one write transaction, once per submission key; returns its result."""
    return idempotency.once(db, key, _actor(caseworker), action, work).result


def add_goal(db, *, caseworker, citizen: dict, values: dict, submission_key: str | None = None) -> int:
    clean = check_goal(citizen, values, clock.today())

    def work():
        at = clock.to_db(clock.now())
        plan_id = queries.ensure_plan(db, citizen["id"], at)
        goal_id = queries.insert_goal(db, plan_id=plan_id, values=clean, by=caseworker.id, at=at)
        queries.touch_plan(db, citizen["id"], at)
        _record(db, caseworker, citizen, "plan_goal_added", "goal", goal_id, None, clean)
        return goal_id
    return _run(db, submission_key, caseworker, f"plan_goal_add:{citizen['id']}", work)


def change_goal(db, *, caseworker, citizen: dict, goal_id: int, values: dict,
                submission_key: str | None = None) -> int:
    clean = check_goal(citizen, values, clock.today())

    def work():
        goal = queries.goal_of(db, citizen["id"], goal_id)
        if goal is None or goal["status"] != "active":
            raise NotFound()
        before = {k: goal[k] for k in clean}
        changed = {k: v for k, v in clean.items() if not _same(before[k], v)}
        if not changed:
            return goal_id
        at = clock.to_db(clock.now())
        queries.update_goal(db, goal_id, changed, caseworker.id, at)
        queries.touch_plan(db, citizen["id"], at)
        _record(db, caseworker, citizen, "plan_goal_changed", "goal", goal_id,
                {k: before[k] for k in changed}, changed)
        return goal_id
    return _run(db, submission_key, caseworker, f"plan_goal_change:{goal_id}", work)


def end_goal(db, *, caseworker, citizen: dict, goal_id: int, submission_key: str | None = None) -> int:
    def work():
        goal = queries.goal_of(db, citizen["id"], goal_id)
        if goal is None:
            raise NotFound()
        if goal["status"] == "ended":
            return goal_id
        at = clock.to_db(clock.now())
        today = clock.today().isoformat()
        queries.update_goal(db, goal_id, {"status": "ended", "ended_on": today}, caseworker.id, at)
        queries.touch_plan(db, citizen["id"], at)
        _record(db, caseworker, citizen, "plan_goal_ended", "goal", goal_id,
                {"status": "active", "title": goal["title"], "kind": goal["kind"]},
                {"status": "ended", "ended_on": today, "title": goal["title"], "kind": goal["kind"]})
        return goal_id
    return _run(db, submission_key, caseworker, f"plan_goal_end:{goal_id}", work)


def add_activity(db, *, caseworker, citizen: dict, values: dict, submission_key: str | None = None) -> int:
    clean = check_activity(citizen, values, clock.today())

    def work():
        at = clock.to_db(clock.now())
        queries.ensure_plan(db, citizen["id"], at)
        activity_id = queries.insert_activity(db, citizen_id=citizen["id"], values=clean, by=caseworker.id, at=at)
        queries.touch_plan(db, citizen["id"], at)
        _record(db, caseworker, citizen, "plan_activity_added", "activity", activity_id, None, clean)
        return activity_id
    return _run(db, submission_key, caseworker, f"plan_activity_add:{citizen['id']}", work)


def change_activity(db, *, caseworker, citizen: dict, activity_id: int, values: dict,
                    submission_key: str | None = None) -> int:
    current = queries.activity_of(db, citizen["id"], activity_id)
    if current is None:
        raise NotFound()
    clean = check_activity(citizen, values, clock.today(), current_kind=current["kind"])

    def work():
        activity = queries.activity_of(db, citizen["id"], activity_id)
        if activity is None:
            raise NotFound()
        changed = {k: v for k, v in clean.items() if not _same(activity[k], v)}
        if not changed:
            return activity_id
        at = clock.to_db(clock.now())
        queries.update_activity(db, activity_id, changed, caseworker.id, at)
        queries.touch_plan(db, citizen["id"], at)
        before = {k: activity[k] for k in changed}
        after = dict(changed)
        before.setdefault("title", activity["title"])  # Historik names the activity
        after.setdefault("title", activity["title"])
        _record(db, caseworker, citizen, "plan_activity_changed", "activity", activity_id, before, after)
        return activity_id
    return _run(db, submission_key, caseworker, f"plan_activity_change:{activity_id}", work)


# ------------------------------------------------------------------ the citizen's reading
@dataclass(frozen=True)
class ReadState:
    marks_since: str | None       # changes after this instant are new to the citizen (None: all of them)
    confirmed_at: str | None      # the citizen's latest receipt for having read the plan
    latest_change: str | None     # the caseworker's latest change

    @property
    def confirmed_latest(self) -> bool:
        return self.confirmed_at is not None and (self.latest_change is None or self.confirmed_at >= self.latest_change)

    def is_new(self, item: dict) -> bool:
        changed = item.get("changed_at")
        return bool(changed) and (self.marks_since is None or changed >= self.marks_since)


def read_state(db, citizen_id: int) -> ReadState:
    row = queries.plan_read(db, citizen_id) or {}
    return ReadState(row.get("marks_since"), row.get("confirmed_at"), queries.latest_change(db, citizen_id))


def visit(db, citizen_id: int, now: datetime | None = None) -> ReadState:
    """The citizen opens Min Plan: what is new is what changed since their previous visit (a
    reload within VISIT_GAP is the same visit). Only the bookmark is written."""
    now = now or clock.now()
    now_s = clock.to_db(now)
    row = queries.plan_read(db, citizen_id)
    if row is None:
        marks_since, confirmed = None, None
    elif row["visit_at"] and clock.from_db(row["visit_at"]) + VISIT_GAP < now:
        marks_since, confirmed = row["visit_at"], row["confirmed_at"]
        if row["marks_since"] and row["marks_since"] > marks_since:
            marks_since = row["marks_since"]
    else:
        marks_since, confirmed = row["marks_since"], row["confirmed_at"]
    with transaction(db):
        queries.save_plan_read(db, citizen_id, visit_at=now_s, marks_since=marks_since, confirmed_at=confirmed)
    return ReadState(marks_since, confirmed, queries.latest_change(db, citizen_id))


def confirm_read(db, citizen: dict, submission_key: str | None = None) -> str:
    """The citizen's receipt for having read the plan; returns its instant. Marks are cleared."""
    def work():
        now_s = clock.to_db(clock.now())
        row = queries.plan_read(db, citizen["id"]) or {}
        queries.save_plan_read(db, citizen["id"], visit_at=row.get("visit_at") or now_s, marks_since=now_s,
                               confirmed_at=now_s)
        audit.record(db, actor_type="citizen", actor_id=citizen["id"], action="plan_read_confirmed", entity="plan",
                     entity_id=None, citizen_id=citizen["id"], municipality_id=citizen["municipality_id"],
                     before={"confirmed_at": row.get("confirmed_at")}, after={"confirmed_at": now_s})
        return now_s
    return idempotency.once(db, submission_key, f"citizen:{citizen['id']}", "plan_confirm_read", work).result
