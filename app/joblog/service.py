"""The citizen's job-search requirement and how far they are: the rules' default unless a
caseworker set another number, counted per period the rules give for each date."""
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from .. import audit, clock, dates, memo
from ..db import transaction
from ..reports import service as report_service
from ..rules import rules_for
from . import queries
from .periods import Period, period_for, periods_and_gaps

# How far back the history goes (about two years of weekly periods).
HISTORY_DAYS = 730


@dataclass(frozen=True)
class Requirement:
    count: int
    period: str            # "week" or "month"
    default_count: int     # what the rules say
    set_by_caseworker: bool
    note: str | None
    set_by_name: str | None


@dataclass(frozen=True)
class JoblogStatus:
    requirement: Requirement | None  # None for a week without a duty (state "no_requirement")
    period: Period
    registered: int
    entries: tuple = field(default=(), compare=False)
    state: str = "open"     # open | met | missed | not_required | paused | no_requirement
    current: bool = False   # the period today is in
    is_open: bool = True    # its deadline has not passed: entries may still be added or changed

    @property
    def remaining(self) -> int:
        if self.requirement is None:
            return 0
        return max(self.requirement.count - self.registered, 0)

    @property
    def met(self) -> bool:
        return self.remaining == 0

    @property
    def locked(self) -> bool:
        return not self.is_open


class RequirementBook:
    """The citizen's requirement on any date: the caseworker's number in force then (read back
    through the audit log of changes), else the rules' default. A number is agreed per period of
    the kind in force on the day it applies from: one that applies to weekly periods does not
    carry over to monthly ones (it was agreed per week), while one set in the last weekly period
    to apply from the first monthly one is a number per month."""

    def __init__(self, group: str, changes: list[dict], current: dict | None):
        self.group = group
        self.changes = changes    # logged changes, oldest first: at, before, after
        self.current = current    # the joblog_requirements row, if any

    @classmethod
    def load(cls, db, citizen: dict) -> "RequirementBook":
        """Read once per request (app/memo.py): Min Plan, the joblog page and the case page ask more than once."""
        return memo.per_request(db, ("joblog_requirements", citizen["id"], citizen["target_group"]),
                                lambda: cls._load(db, citizen))

    @classmethod
    def _load(cls, db, citizen: dict) -> "RequirementBook":
        return cls(citizen["target_group"], queries.requirement_changes(db, citizen["id"]),
                   queries.requirement_override(db, citizen["id"]))

    def _state_on(self, on_date: date):
        """(override or None, the day it applies from or None, who set it) at the end of `on_date`."""
        for index, change in enumerate(self.changes):
            if _effective(change) > on_date:
                applies_from = _effective(self.changes[index - 1]) if index > 0 else None
                before = change["before"]
                if before is not None and before.get("count_per_period") is None:
                    before = None  # a return to the rules' default
                return before, applies_from, None
        if self.current is None:
            return None, None, None
        applies_from = _effective(self.changes[-1]) if self.changes else _local_date(self.current["set_at"])
        return self.current, applies_from, self.current.get("set_by_name")

    def on(self, on_date: date) -> Requirement | None:
        rules = rules_for(self.group, on_date)
        if rules.joblog is None:
            return None
        override, applies_from, set_by_name = self._state_on(on_date)
        if override is not None and applies_from is not None:
            then = rules_for(self.group, applies_from).joblog
            if then is None or then.period != rules.joblog.period:
                override = None
        if override is None:
            return Requirement(rules.joblog.count, rules.joblog.period, rules.joblog.count, False, None, None)
        return Requirement(override["count_per_period"], rules.joblog.period, rules.joblog.count, True,
                           override.get("note"), set_by_name)


def _effective(change: dict) -> date:
    """The day a change of the requirement applies from: the period the caseworker chose (the
    next one unless they said otherwise), or the day it was made for changes from before."""
    applies = (change.get("after") or {}).get("applies_from")
    return date.fromisoformat(applies) if applies else _local_date(change["at"])


def _local_date(value: str) -> date:
    if "T" in value:
        return clock.local(clock.from_db(value)).date()
    return date.fromisoformat(value[:10])


def requirement_for(db, citizen: dict, on_date: date | None = None) -> Requirement | None:
    """None when the citizen's group has no joblog duty on that date."""
    return RequirementBook.load(db, citizen).on(on_date or clock.today())


def _state(period: Period, requirement: Requirement, registered: int, today: date, since: date,
           paused: bool = False) -> str:
    if period.end < since:
        return "not_required"
    if paused:
        # Wholly inside a sick or holiday period the rules let pause the joblog (app/reports/).
        return "paused"
    if period.is_open(today):
        return "open"
    return "met" if registered >= requirement.count else "missed"


def _group_since(citizen: dict) -> date:
    return date.fromisoformat(str(citizen["group_since"])[:10])


def _status(db, citizen, book: RequirementBook, period: Period, today: date):
    requirement = book.on(period.end)
    if requirement is None:
        return None
    registered = queries.count_between(db, citizen["id"], period.start.isoformat(), period.end.isoformat())
    paused = report_service.joblog_paused(db, citizen, period.start, period.end)
    return JoblogStatus(requirement, period, registered, (),
                        _state(period, requirement, registered, today, _group_since(citizen), paused),
                        period.contains(today), period.is_open(today))


def status_for(db, citizen: dict, on_date: date | None = None) -> JoblogStatus | None:
    """The period `on_date` falls in, with the requirement for it and how many are registered."""
    on_date = on_date or clock.today()
    period = period_for(citizen["target_group"], on_date)
    if period is None:
        return None
    return _status(db, citizen, RequirementBook.load(db, citizen), period, on_date)


def open_periods(db, citizen: dict, today: date | None = None) -> list[JoblogStatus]:
    """Periods still open today, oldest first: the current one, and the one before while its
    deadline (moved past a weekend or holiday) has not passed."""
    today = today or clock.today()
    current = period_for(citizen["target_group"], today)
    if current is None:
        return []
    book = RequirementBook.load(db, citizen)
    found = [current]
    previous = period_for(citizen["target_group"], current.start - timedelta(days=1))
    while previous is not None and previous.is_open(today):
        found.insert(0, previous)
        previous = period_for(citizen["target_group"], previous.start - timedelta(days=1))
    statuses = [_status(db, citizen, book, p, today) for p in found]
    return [s for s in statuses if s is not None and (s.state == "open" or s.current)]


def history(db, citizen: dict, today: date | None = None, limit: int | None = None) -> list[JoblogStatus]:
    """Every period from when the duty began (or the first entry) to today's, newest first,
    each with its entries, the requirement for it and whether it was met. `limit` keeps only
    the newest periods. The entries are read in one query and sorted into their periods.

    Entries made on days the citizen's present group has no joblog duty (they moved to a group
    without one, say sick leave) are kept and shown by calendar week, in the state
    "no_requirement" and without a requirement: we do not record which group a citizen had
    before, so we do not judge those weeks against anything."""
    today = today or clock.today()
    first = _group_since(citizen)
    first_entry = queries.first_entry_date(db, citizen["id"])
    if first_entry is None and rules_for(citizen["target_group"], today).joblog is None:
        return []
    if first_entry:
        first = min(first, date.fromisoformat(first_entry))
    first = max(first, today - timedelta(days=HISTORY_DAYS))
    last = today
    latest = queries.entries_for(db, citizen["id"], limit=1)
    if latest:
        # An entry dated beyond the date window (stored before dates were checked) is left out:
        # listing it would walk every period up to, say, the year 9999.
        last = max(last, min(date.fromisoformat(latest[0]["applied_on"]), dates.window(today=today)[1]))
    spans = periods_and_gaps(citizen["target_group"], first, last)
    if not spans:
        return []
    book = RequirementBook.load(db, citizen)
    since = _group_since(citizen)
    rows = queries.entries_between(db, citizen["id"], spans[0][0].start.isoformat(), spans[-1][0].end.isoformat())
    pauses = report_service.joblog_pauses(db, citizen, spans[0][0].start, spans[-1][0].end)
    found = []
    for period, has_duty in reversed(spans):
        start, end = period.start.isoformat(), period.end.isoformat()
        entries = tuple(e for e in rows if start <= e["applied_on"] <= end)
        requirement = book.on(period.end) if has_duty else None
        if requirement is None:
            if entries:  # a week without a duty is listed only for the entries in it
                found.append(JoblogStatus(None, period, len(entries), entries, "no_requirement",
                                          period.contains(today), False))
            continue
        found.append(JoblogStatus(requirement, period, len(entries), entries,
                                  _state(period, requirement, len(entries), today, since, pauses(period.start, period.end)),
                                  period.contains(today), period.is_open(today)))
        if limit is not None and len(found) >= limit:
            break
    return found[:limit] if limit is not None else found


def filtered(statuses: list[JoblogStatus], keep_ids: set[int]) -> list[JoblogStatus]:
    """Only the entries whose id is kept; periods left without entries are dropped."""
    out = []
    for status in statuses:
        entries = tuple(e for e in status.entries if e["id"] in keep_ids)
        if entries:
            out.append(replace(status, entries=entries))
    return out


def set_requirement(db, *, caseworker_id: int, citizen: dict, count: int | None, note: str | None,
                    from_current_period: bool = False) -> date:
    """Set the number per period for one citizen; None returns to the rules' default. It applies
    from the next period unless the caseworker says it applies to the current one; returns the
    day it applies from. The citizen is told through the outbox (app/notify/collect.py)."""
    from .periods import period_for
    today = clock.today()
    period = period_for(citizen["target_group"], today)
    applies_from = today if period is None else (period.start if from_current_period else period.end + timedelta(days=1))
    before = queries.requirement_override(db, citizen["id"])
    with transaction(db):
        if count is None:
            queries.delete_requirement(db, citizen["id"])
        else:
            queries.upsert_requirement(db, citizen["id"], count, note or None, caseworker_id,
                                       clock.to_db(clock.now()))
        after = {"count_per_period": count, "note": (note or None) if count is not None else None,
                 "applies_from": applies_from.isoformat()}
        audit.record(db, actor_type="caseworker", actor_id=caseworker_id, action="set_joblog_requirement",
                     entity="joblog_requirement", entity_id=citizen["id"], citizen_id=citizen["id"],
                     municipality_id=citizen["municipality_id"],
                     before={"count_per_period": before["count_per_period"], "note": before["note"]} if before else None,
                     after=after)
    return applies_from


def deadline_end(period: Period) -> datetime:
    """The last moment of the deadline day, Copenhagen time, as UTC."""
    return clock.local_datetime(period.deadline, 23, 59)
