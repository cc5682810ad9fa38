"""Joblog periods and deadlines. A deadline on a weekend or a Danish public holiday moves to
the next working day (DOMAIN.md); the period length comes from the rules."""
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from ..rules import JoblogRule


@dataclass(frozen=True)
class Period:
    start: date
    end: date        # last day of the period
    deadline: date   # the end, moved to the next working day when it is not one


@lru_cache(maxsize=16)
def _danish_holidays(year: int):
    return holidays.country_holidays("DK", years=[year, year + 1])


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _danish_holidays(day.year)


def next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def period_containing(rule: JoblogRule, day: date) -> Period:
    if rule.period == "week":
        start = day - timedelta(days=day.weekday())
        end = start + timedelta(days=6)
    elif rule.period == "month":
        start = day.replace(day=1)
        following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        end = following - timedelta(days=1)
    else:
        raise ValueError(f"unknown period {rule.period!r}")
    return Period(start, end, next_working_day(end))
