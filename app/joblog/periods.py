"""Joblog periods and deadlines. A deadline on a weekend or a Danish public holiday moves to
the next working day (DOMAIN.md; app/workdays.py); the period length comes from the rules in force on the date.

A period never spans two rule sets whose joblog periods differ: when weekly periods give way
to monthly ones (1 January 2027 in the expected set), the last week ends the day before and
its deadline is counted from that day. Where the period kind stays the same across a rule
set's start, the period runs on unclipped."""
import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from .. import dates
from ..rules import JoblogRule, all_rule_sets, rules_for
from ..workdays import next_working_day


@dataclass(frozen=True)
class Period:
    start: date
    end: date        # last day of the period
    deadline: date   # the end, moved to the next working day when it is not one
    kind: str = ""   # "week" or "month"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def is_open(self, today: date) -> bool:
        """Entries may be added, changed or deleted until the end of the deadline day."""
        return today <= self.deadline


def period_containing(rule: JoblogRule, day: date) -> Period:
    # Held inside the calendar (dates.add_days, monthrange) for stored dates near its ends.
    if rule.period == "week":
        start = dates.add_days(day, -day.weekday())
        end = dates.add_days(start, 6)
    elif rule.period == "month":
        start = day.replace(day=1)
        end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    else:
        raise ValueError(f"unknown period {rule.period!r}")
    return Period(start, end, next_working_day(end), rule.period)


def _same_kind(a: JoblogRule | None, b: JoblogRule | None) -> bool:
    return a is not None and b is not None and a.period == b.period


def period_for(group: str, day: date) -> Period | None:
    """The joblog period `day` belongs to for a citizen of `group`, by the rules in force on
    `day`; None when the group has no joblog duty that day."""
    rule = rules_for(group, day).joblog
    if rule is None:
        return None
    period = period_containing(rule, day)
    start, end = period.start, period.end
    for rule_set in all_rule_sets():
        boundary = rule_set.valid_from
        if not start < boundary <= end:
            continue
        before = rules_for(group, boundary - timedelta(days=1)).joblog
        after = rules_for(group, boundary).joblog
        if _same_kind(before, after):
            continue
        if day < boundary:
            end = boundary - timedelta(days=1)
        else:
            start = boundary
    if (start, end) == (period.start, period.end):
        return period
    return Period(start, end, next_working_day(end), rule.period)


def periods_between(group: str, first: date, last: date) -> list[Period]:
    """Every period touching [first, last], oldest first; days without a joblog duty are skipped."""
    found = []
    day = first
    while day <= last:
        period = period_for(group, day)
        if period is None:
            day += timedelta(days=1)
            continue
        found.append(period)
        if period.end >= last or period.end == date.max:
            break
        day = period.end + timedelta(days=1)
    return found


def periods_and_gaps(group: str, first: date, last: date) -> list[tuple[Period, bool]]:
    """Every span of [first, last], oldest first, without gaps, as (period, has a duty). Days on
    which the group has no joblog duty are grouped in calendar weeks (Monday to Sunday; the
    first one from its Monday), cut where a period with a duty begins or ends; their deadline
    is simply their last day."""
    found = []
    day = first
    while day <= last:
        period = period_for(group, day)
        if period is not None:
            found.append((period, True))
            if period.end >= last or period.end == date.max:
                break
            day = period.end + timedelta(days=1)
            continue
        start = day if found else dates.add_days(day, -day.weekday())  # a whole week at the start
        sunday = dates.add_days(day, 6 - day.weekday())
        while day <= sunday and period_for(group, day) is None:
            if day == date.max:
                return [*found, (Period(start, day, day, "week"), False)]
            day += timedelta(days=1)
        end = day - timedelta(days=1)
        found.append((Period(start, end, end, "week"), False))
    return found


def previous_period(group: str, period: Period) -> Period | None:
    return period_for(group, period.start - timedelta(days=1))
