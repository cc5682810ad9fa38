"""Reminders before a joblog deadline to a citizen still short of the period's number.

Read set-wise: a sweep runs every minute over every citizen, and most days no period is in its
reminder window at all."""
from datetime import date, datetime, timedelta

from ... import clock
from ...joblog.periods import period_for
from ...joblog.service import status_for
from ...rules import GROUPS, rules_for
from .. import queries
from ..channels import chosen_channels
from ..timing import end_of_day, start_of_day
from .rows import opted_out, row, skip, write


def _joblog_windows(today: date):
    """(group, period, rule) for each period inside its reminder window today. Periods hang on
    the target group and the date only, so most days there are none at all."""
    for group in GROUPS:
        if rules_for(group, today).joblog is None:
            continue
        current = period_for(group, today)
        if current is None:
            continue
        periods = [current]
        # The previous period's deadline may fall in this one (moved past a weekend or holiday).
        if (today - current.start).days <= 7:
            previous = period_for(group, current.start - timedelta(days=1))
            if previous is not None:
                periods.insert(0, previous)
        for period in periods:
            rule = rules_for(group, period.start).joblog
            if rule is not None and period.deadline - timedelta(days=rule.reminder_days_before) <= today <= period.deadline:
                yield group, period, rule


def reminders(config, db, now: datetime) -> int:
    """Set-wise: per period in its reminder window, one query finds the citizens short of the
    rules' number (with their count); a citizen with a number of their own (set by a caseworker,
    now or in the past) is judged one by one, as the joblog page judges them."""
    today = clock.local(now).date()
    pending = []  # (citizen, period, rule, registered, required, switched off)
    own_number = set()
    switched_off = None
    for group, period, rule in _joblog_windows(today):
        requirement = rules_for(group, period.end).joblog  # the rules' number for the period (RequirementBook.on)
        if requirement is None:
            continue
        if switched_off is None:
            switched_off = queries.opted_out_citizens(db, "joblog")
        # Switched off by the citizen, and the rules of today let them (as opted_out() judges).
        may_switch_off = "joblog" in rules_for(group, today).reminder_opt_out
        for citizen, registered, own in queries.joblog_reminder_candidates(
                db, group, period.start.isoformat(), period.end.isoformat(), requirement.count):
            if own:
                own_number.add(citizen["id"])
                continue
            try:
                if date.fromisoformat(str(citizen["group_since"])[:10]) > period.end:
                    continue  # the period ended before the duty began ("not_required")
                off = may_switch_off and citizen["id"] in switched_off
                pending.append((citizen, period, rule, registered, requirement.count, off))
            except Exception as error:  # one bad citizen must not hold up the others
                skip("joblog reminders for citizen", citizen["id"], error)
    # Most of these rows are there from the sweep a minute ago: one read finds their keys, and
    # only the new ones are built.
    keys = []
    for citizen, period, rule, *_rest in pending:
        try:
            keys += [_joblog_key(citizen, period, rule, channel) for channel in chosen_channels(config, citizen)]
        except Exception:  # noqa: BLE001  skipped (and logged) below, where its rows are built
            pass
    existing = queries.existing_keys(db, keys)
    rows = []
    for citizen, period, rule, registered, required, off in pending:
        try:
            rows += _joblog_period_rows(config, citizen, period, rule, registered, required, today, now, off, existing)
        except Exception as error:  # one bad citizen must not hold up the others
            skip("joblog reminders for citizen", citizen["id"], error)
    for citizen_id in sorted(own_number):
        citizen = queries.citizen(db, citizen_id)
        if citizen is None:
            continue
        try:
            rows += _joblog_rows(config, db, citizen, today, now)
        except Exception as error:  # one bad citizen must not hold up the others
            skip("joblog reminders for citizen", citizen["id"], error)
    return write(db, rows)


def _joblog_key(citizen: dict, period, rule, channel: str) -> str:
    return f"joblog:{citizen['id']}:{period.start.isoformat()}:{rule.reminder_days_before}d:{channel}"


def _joblog_period_rows(config, citizen: dict, period, rule, registered: int, count: int, today: date,
                        now: datetime, switched_off: bool, existing: set = frozenset()) -> list[dict]:
    """The reminder rows for one open period not yet met (`count` required, `registered` so far);
    none for keys in `existing` (already in the outbox, so INSERT OR IGNORE would leave them)."""
    remaining = count - registered
    if remaining <= 0:
        return []
    remind_on = period.deadline - timedelta(days=rule.reminder_days_before)
    if not remind_on <= today <= period.deadline or switched_off:
        return []
    deadline_end = end_of_day(period.deadline)
    params = {"period_start": period.start.isoformat(), "deadline": period.deadline.isoformat(),
              "remaining": remaining, "registered": registered, "count": count}
    return [row(now, key, citizen, "joblog_reminder", channel, entity="joblog_period", entity_id=None,
                occurrence=period.start.isoformat(), params=params, event_at=deadline_end,
                due_at=start_of_day(remind_on), expires_at=deadline_end)
            for channel in chosen_channels(config, citizen)
            if (key := _joblog_key(citizen, period, rule, channel)) not in existing]


def _joblog_rows(config, db, citizen: dict, today: date, now: datetime) -> list[dict]:
    """A citizen with a number of their own, judged by app/joblog as the joblog page judges them."""
    if rules_for(citizen["target_group"], today).joblog is None:
        return []
    current = status_for(db, citizen, today)
    if current is None:
        return []
    statuses = [current]
    # The previous period's deadline may fall in this one (moved past a weekend or holiday).
    if (today - current.period.start).days <= 7:
        previous = status_for(db, citizen, current.period.start - timedelta(days=1))
        if previous is not None:
            statuses.insert(0, previous)
    rows = []
    for status in statuses:
        # Only a period with a requirement still open: none for a period that ended before
        # the citizen's duty began (state "not_required").
        if status.state != "open" or status.remaining <= 0:
            continue
        rule = rules_for(citizen["target_group"], status.period.start).joblog
        if rule is None:
            continue
        remind_on = status.period.deadline - timedelta(days=rule.reminder_days_before)
        if not remind_on <= today <= status.period.deadline:
            continue
        rows += _joblog_period_rows(config, citizen, status.period, rule, status.registered, status.requirement.count,
                                    today, now, opted_out(db, citizen, "joblog", today))
    return rows
