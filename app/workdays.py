"""Working days: Monday to Friday, except Danish public holidays (the `holidays` package's
calendar for DK: New Year's Day, Maundy Thursday, Good Friday, Easter Sunday and Monday, Ascension
Day, Whit Sunday and Monday, Christmas Day and Boxing Day; Great Prayer Day until 2023).

The one place the app decides what a working day is: a deadline on a weekend or a holiday moves
to the next working day (DOMAIN.md), an answer time counts working days, a follow-up "before the
end of week N" moves back to the last working day on or before it. Every area imports from here."""
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=16)
def _danish_holidays(year: int):
    return holidays.country_holidays("DK", years=[y for y in (year - 1, year, year + 1)
                                                  if date.min.year <= y <= date.max.year])


def is_holiday(day: date) -> bool:
    """A Danish public holiday (weekends are not holidays by this test)."""
    return day in _danish_holidays(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_holiday(day)


def next_working_day(day: date) -> date:
    """The day itself if it is a working day, else the first working day after it; the
    calendar's last day if no working day follows."""
    while not is_working_day(day) and day < date.max:
        day += timedelta(days=1)
    return day


def working_day_on_or_before(day: date) -> date:
    """The day itself if it is a working day, else the last working day before it; the
    calendar's first day if none comes before."""
    while not is_working_day(day) and day > date.min:
        day -= timedelta(days=1)
    return day


def add_working_days(day: date, days: int) -> date:
    """The day `days` working days after `day` (`day` itself is not counted; 0 gives `day`)."""
    current, counted = day, 0
    while counted < days:
        current += timedelta(days=1)
        if is_working_day(current):
            counted += 1
    return current
