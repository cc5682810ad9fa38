"""The caseworker's view of joblogs: which of the municipality's citizens need attention.

At risk: an open period not yet met whose deadline is within the rules' `joblog_at_risk_days`.
Missed: the latest closed period was not met.

Periods depend only on the target group and the date, so the whole municipality is judged per
group with one counting query, not citizen by citizen."""
from dataclasses import dataclass
from datetime import date, timedelta

from .. import clock
from ..reports import queries as report_queries
from ..reports import service as report_service
from ..rules import GROUPS, rules_for
from . import queries
from .periods import Period, period_for
from .service import JoblogStatus, Requirement, RequirementBook


@dataclass(frozen=True)
class Watch:
    citizen: dict
    at_risk: JoblogStatus | None   # the most urgent open period not met, deadline close
    missed: JoblogStatus | None    # the latest closed period, when it was missed


def _open_and_last_closed(group: str, today: date) -> tuple[list[Period], Period | None]:
    """The periods still open today (oldest first) and the latest closed one."""
    current = period_for(group, today)
    if current is None:
        return [], None
    opens = [current]
    previous = period_for(group, current.start - timedelta(days=1))
    while previous is not None and previous.is_open(today):
        opens.insert(0, previous)
        previous = period_for(group, previous.start - timedelta(days=1))
    return opens, previous


def watch_for(db, citizen: dict, today: date | None = None) -> Watch:
    """One citizen's joblog, judged as the municipality's list judges it."""
    today = today or clock.today()
    book = RequirementBook.load(db, citizen)
    opens, closed = _open_and_last_closed(citizen["target_group"], today)
    periods = opens + ([closed] if closed else [])
    counts = [queries.count_between(db, citizen["id"], p.start.isoformat(), p.end.isoformat()) for p in periods]
    paused = (report_service.joblog_pauses(db, citizen, periods[0].start, periods[-1].end) if periods else None)
    return _judge(citizen, book, opens, closed, counts, today, paused)


def _judge(citizen, book, opens, closed, counts, today, paused=None) -> Watch:
    """`paused(start, end)`: a period wholly inside a sick or holiday report (app/reports/) is
    neither at risk nor missed."""
    since = date.fromisoformat(str(citizen["group_since"])[:10])
    days = rules_for(citizen["target_group"], today).joblog_at_risk_days
    paused = paused or (lambda start, end: False)
    at_risk = missed = None
    for period, registered in zip(opens, counts):
        requirement = book.on(period.end)
        if (requirement and period.end >= since and registered < requirement.count
                and not paused(period.start, period.end)
                and (period.deadline - today).days <= days):
            at_risk = JoblogStatus(requirement, period, registered, (), "open", period.contains(today), True)
            break
    if closed is not None and closed.end >= since:
        requirement = book.on(closed.end)
        registered = counts[len(opens)]
        if requirement and registered < requirement.count and not paused(closed.start, closed.end):
            missed = JoblogStatus(requirement, closed, registered, (), "missed", False, False)
    return Watch(citizen, at_risk, missed)


class _DefaultBook:
    """The rules' default, for the many citizens whose caseworker set no number."""

    def __init__(self, group: str):
        self.group = group
        self.known: dict[date, Requirement | None] = {}

    def on(self, on_date: date) -> Requirement | None:
        if on_date not in self.known:
            rule = rules_for(self.group, on_date).joblog
            self.known[on_date] = (None if rule is None else
                                   Requirement(rule.count, rule.period, rule.count, False, None, None))
        return self.known[on_date]


def needing_attention(db, municipality_id: int, today: date | None = None, *, offset: int = 0,
                      limit: int | None = None) -> tuple[list[Watch], int]:
    """The municipality's citizens whose joblog is at risk or whose last period was missed, as
    (one page of watches, how many in all): at risk first (nearest deadline first), then missed;
    by name within each. Today's list is read from the index kept up to date on write
    (app/joblog/watch.py), one indexed query; another day's is judged live."""
    from . import watch

    today = today or clock.today()
    if today != clock.today():
        return needing_attention_live(db, municipality_id, today, offset=offset, limit=limit)
    watch.refresh(db, municipality_id, today)
    citizens, total = watch.page(db, municipality_id, offset=offset, limit=limit)
    return [watch_for(db, citizen, today) for citizen in citizens], total


def needing_attention_live(db, municipality_id: int, today: date, *, offset: int = 0,
                           limit: int | None = None) -> tuple[list[Watch], int]:
    """needing_attention judged from the tables for every citizen of the municipality. Only the
    page's rows are built in full."""
    flagged = flag(db, municipality_id, today)
    page = flagged[offset:None if limit is None else offset + limit]
    return [_judge(_citizen(row), book, opens, closed, counts, today, _pauses(db, _citizen(row), opens, closed))
            for _key, _missed, row, book, opens, closed, counts in page], len(flagged)


def flag(db, municipality_id: int, today: date) -> list[tuple]:
    """Every citizen of the municipality whose joblog needs attention on `today`, in the lists'
    order, as (sort key, missed, row, book, open periods, closed period, counts)."""
    overrides = queries.requirements_in_municipality(db, municipality_id)
    changes = queries.requirement_changes_in_municipality(db, municipality_id)
    # Groups whose periods are the same today share one query.
    by_periods: dict[tuple, list[str]] = {}
    for group in GROUPS:
        if rules_for(group, today).joblog is not None:
            opens, closed = _open_and_last_closed(group, today)
            by_periods.setdefault((tuple(opens), closed), []).append(group)
    flagged = []
    for (opens, closed), groups in by_periods.items():
        opens = list(opens)
        periods = opens + ([closed] if closed else [])
        rows = queries.citizens_with_counts(db, municipality_id, tuple(groups),
                                            [(p.start.isoformat(), p.end.isoformat()) for p in periods])
        defaults = {group: _DefaultBook(group) for group in groups}
        checks = {group: _checks(defaults[group], opens, closed, today) for group in groups}
        for row in rows:
            cid, name, group, since = row[:4]
            counts = row[5:]
            if cid in overrides or cid in changes:
                book = RequirementBook(group, changes.get(cid, []), overrides.get(cid))
                watch = _judge(_citizen(row), book, opens, closed, counts, today)
                at_risk = watch.at_risk.period.deadline if watch.at_risk else None
                missed = watch.missed is not None
            else:
                book = defaults[group]
                at_risk, missed = _classify(checks[group], str(since)[:10], counts)
            if at_risk is not None or missed:
                flagged.append(((at_risk is None, at_risk or date.max, name, cid), missed, row, book, opens, closed, counts))
    # Citizens with a sick or holiday report in force are judged again with it (few of them).
    reported = report_queries.citizens_with_reports_in_force(db, municipality_id)
    if reported:
        flagged = [item for item in flagged if item[2][0] not in reported or _still_flagged(db, item, today)]
    flagged.sort(key=lambda item: item[0])
    return flagged


def _pauses(db, citizen: dict, opens, closed):
    periods = list(opens) + ([closed] if closed else [])
    return report_service.joblog_pauses(db, citizen, periods[0].start, periods[-1].end)


def _still_flagged(db, item, today) -> bool:
    _key, _missed, row, book, opens, closed, counts = item
    watch = _judge(_citizen(row), book, opens, closed, counts, today, _pauses(db, _citizen(row), opens, closed))
    return watch.at_risk is not None or watch.missed is not None


def _citizen(row) -> dict:
    return dict(zip(("id", "name", "target_group", "group_since", "municipality_id"), row[:5]))


def _checks(book, opens, closed, today):
    """For citizens on the rules' default: (open periods that may be at risk, the closed one),
    each as (index into the counts, required, last day, deadline)."""
    days = rules_for(book.group, today).joblog_at_risk_days
    risky = []
    for index, period in enumerate(opens):
        requirement = book.on(period.end)
        if requirement and (period.deadline - today).days <= days:
            risky.append((index, requirement.count, period.end.isoformat(), period.deadline))
    last = None
    if closed is not None and (requirement := book.on(closed.end)):
        last = (len(opens), requirement.count, closed.end.isoformat(), closed.deadline)
    return risky, last


def _classify(checks, since: str, counts):
    """(deadline of the period at risk or None, whether the last period was missed)."""
    risky, last = checks
    at_risk = next((deadline for index, required, end, deadline in risky
                    if counts[index] < required and end >= since), None)
    missed = last is not None and counts[last[0]] < last[1] and last[2] >= since
    return at_risk, missed
