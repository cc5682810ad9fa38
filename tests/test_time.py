"""Times stored in UTC and shown in Europe/Copenhagen; joblog deadlines on working days."""
from datetime import date, datetime, timezone

import pytest
from flask_babel import force_locale

from app import clock
from app.i18n import fmt_date, fmt_datetime, fmt_datetime_full
from app.joblog.periods import period_containing
from app.workdays import is_working_day, next_working_day
from app.rules import rules_for


def test_storage_is_utc_text_that_sorts_like_time():
    winter = clock.local_datetime(date(2026, 1, 15), 10)
    summer = clock.local_datetime(date(2026, 7, 15), 10)
    assert clock.to_db(winter) == "2026-01-15T09:00:00Z"   # CET = UTC+1
    assert clock.to_db(summer) == "2026-07-15T08:00:00Z"   # CEST = UTC+2
    assert clock.from_db(clock.to_db(summer)) == summer
    assert clock.to_db(winter) < clock.to_db(summer)


def test_naive_datetimes_are_copenhagen_wall_time():
    assert clock.to_utc(datetime(2026, 3, 29, 3, 30)) == datetime(2026, 3, 29, 1, 30, tzinfo=timezone.utc)


@pytest.mark.parametrize("utc,da,en", [
    # The night summer time starts (29 March 2026, 02:00 -> 03:00).
    ("2026-03-29T00:59:00Z", "søndag 29. marts kl. 01.59", "Sunday 29 March, 01:59"),
    ("2026-03-29T01:00:00Z", "søndag 29. marts kl. 03.00", "Sunday 29 March, 03:00"),
    # The night it ends (25 October 2026, 03:00 -> 02:00): 02:30 happens twice, so it says which.
    ("2026-10-25T00:30:00Z", "søndag 25. oktober kl. 02.30 (sommertid)", "Sunday 25 October, 02:30 (summer time)"),
    ("2026-10-25T01:30:00Z", "søndag 25. oktober kl. 02.30 (vintertid)", "Sunday 25 October, 02:30 (winter time)"),
    ("2026-10-25T02:00:00Z", "søndag 25. oktober kl. 03.00", "Sunday 25 October, 03:00"),
    ("2026-12-07T09:00:00Z", "mandag 7. december kl. 10.00", "Monday 7 December, 10:00"),
])
def test_shown_in_copenhagen_time_in_each_language(app, utc, da, en):
    with app.test_request_context():
        with force_locale("da"):
            assert fmt_datetime(utc) == da
        with force_locale("en"):
            assert fmt_datetime(utc) == en


def test_receipt_time_has_the_year(app):
    with app.test_request_context():
        with force_locale("da"):
            assert fmt_datetime_full("2026-11-23T08:14:00Z") == "mandag 23. november 2026 kl. 09.14"
        with force_locale("en"):
            assert fmt_datetime_full("2026-11-23T08:14:00Z") == "Monday 23 November 2026, 09:14"
            assert fmt_date("2026-12-07", "day") == "Monday 7 December"


def test_a_late_evening_utc_instant_is_the_next_day_in_copenhagen(app):
    with app.test_request_context(), force_locale("da"):
        assert fmt_date("2026-06-30T22:30:00Z") == "1. juli 2026"


@pytest.mark.parametrize("day,working", [
    (date(2026, 11, 23), True),    # Monday
    (date(2026, 11, 28), False),   # Saturday
    (date(2026, 12, 25), False),   # Christmas Day
    (date(2027, 1, 1), False),     # New Year's Day
    (date(2027, 3, 29), False),    # Easter Monday
    (date(2027, 5, 6), False),     # Ascension Day
])
def test_working_days(day, working):
    assert is_working_day(day) is working


WEEKLY = rules_for("dagpenge", date(2026, 11, 23)).joblog
MONTHLY = rules_for("dagpenge", date(2027, 1, 1)).joblog


@pytest.mark.parametrize("rule,day,start,end,deadline", [
    # An ordinary week: the Sunday deadline moves to Monday (issue: "the deadline is Monday 7 December").
    (WEEKLY, date(2026, 12, 2), date(2026, 11, 30), date(2026, 12, 6), date(2026, 12, 7)),
    # Christmas week.
    (WEEKLY, date(2026, 12, 24), date(2026, 12, 21), date(2026, 12, 27), date(2026, 12, 28)),
    # Across the year end.
    (WEEKLY, date(2026, 12, 31), date(2026, 12, 28), date(2027, 1, 3), date(2027, 1, 4)),
    # Easter: Sunday and Monday are both off, so Tuesday.
    (WEEKLY, date(2027, 3, 24), date(2027, 3, 22), date(2027, 3, 28), date(2027, 3, 30)),
    # Whitsun.
    (WEEKLY, date(2027, 5, 12), date(2027, 5, 10), date(2027, 5, 16), date(2027, 5, 18)),
    # The week summer time ends.
    (WEEKLY, date(2026, 10, 25), date(2026, 10, 19), date(2026, 10, 25), date(2026, 10, 26)),
    # Months: January 2027 ends on a Sunday; March on a working Wednesday; December 2027 on a Friday.
    (MONTHLY, date(2027, 1, 15), date(2027, 1, 1), date(2027, 1, 31), date(2027, 2, 1)),
    (MONTHLY, date(2027, 3, 2), date(2027, 3, 1), date(2027, 3, 31), date(2027, 3, 31)),
    (MONTHLY, date(2027, 2, 10), date(2027, 2, 1), date(2027, 2, 28), date(2027, 3, 1)),
    (MONTHLY, date(2027, 12, 1), date(2027, 12, 1), date(2027, 12, 31), date(2027, 12, 31)),
])
def test_periods_and_deadlines(rule, day, start, end, deadline):
    period = period_containing(rule, day)
    assert (period.start, period.end, period.deadline) == (start, end, deadline)


def test_next_working_day_after_a_long_weekend():
    assert next_working_day(date(2026, 12, 25)) == date(2026, 12, 28)
