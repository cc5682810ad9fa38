"""Joblog periods and deadlines from the rules: every target group with a joblog in every rule
set, deadlines moved past weekends and Danish public holidays, the year end where weekly
periods give way to monthly ones, and the summer-time weeks."""
from datetime import date, timedelta

import pytest
import time_machine

from app import clock
from app.joblog import service
from app.joblog.periods import Period, period_for, periods_between
from app.workdays import is_working_day, next_working_day
from app.rules import GROUPS, all_rule_sets, rules_for

from .conftest import citizen_id

# A day inside each rule set, and what a joblog period looks like there.
SET_DAYS = {
    "2024": (date(2026, 3, 11), "week"),      # Wednesday
    "2026-07": (date(2026, 9, 16), "week"),   # Wednesday
    "2027-01": (date(2027, 9, 15), "month"),  # Wednesday
}


def test_every_rule_set_is_covered():
    assert {rule_set.key for rule_set in all_rule_sets()} == set(SET_DAYS)


@pytest.mark.parametrize("set_key", sorted(SET_DAYS))
@pytest.mark.parametrize("group", GROUPS)
def test_each_group_gets_the_period_of_its_rules(set_key, group):
    day, kind = SET_DAYS[set_key]
    rules = rules_for(group, day)
    assert rules.rule_set.key == set_key
    period = period_for(group, day)
    if rules.joblog is None:
        assert period is None
        return
    assert rules.joblog.period == kind and period.kind == kind
    if kind == "week":
        assert period.start.weekday() == 0 and period.end == period.start + timedelta(days=6)
    else:
        assert period.start == day.replace(day=1) and (period.end + timedelta(days=1)).day == 1
    assert period.contains(day)
    assert period.deadline >= period.end and is_working_day(period.deadline)
    assert all(not is_working_day(period.end + timedelta(days=n))
               for n in range((period.deadline - period.end).days))


def test_groups_with_a_joblog_per_rule_set():
    with_joblog = {key: {g for g in GROUPS if rules_for(g, day).joblog} for key, (day, _) in SET_DAYS.items()}
    # Under-30s without a qualification (kontanthjælp since 1 July 2025, and the former
    # uddannelseshjælp still readable): the job-ready default (SETTING).
    job_ready = {"dagpenge", "kontanthjaelp_jobparat", "kontanthjaelp_uddannelsesparat",
                 "kontanthjaelp_aabenlyst_uddannelsesparat", "uddannelseshjaelp", "ledighedsydelse"}
    assert with_joblog == {"2024": job_ready, "2026-07": job_ready, "2027-01": job_ready}
    assert period_for("sygedagpenge", date(2026, 9, 16)) is None
    assert period_for("kontanthjaelp_aktivitetsparat", date(2027, 9, 15)) is None


@pytest.mark.parametrize("day, start, end, deadline", [
    # A week ending on Sunday: the deadline is Monday.
    (date(2026, 11, 25), date(2026, 11, 23), date(2026, 11, 29), date(2026, 11, 30)),
    # Easter 2026: the week ends Easter Sunday, Monday is a holiday, so Tuesday.
    (date(2026, 4, 1), date(2026, 3, 30), date(2026, 4, 5), date(2026, 4, 7)),
    # Whit Monday (2. pinsedag) 25 May 2026.
    (date(2026, 5, 20), date(2026, 5, 18), date(2026, 5, 24), date(2026, 5, 26)),
    # Summer time starts Sunday 29 March 2026: a week like any other.
    (date(2026, 3, 29), date(2026, 3, 23), date(2026, 3, 29), date(2026, 3, 30)),
    # Summer time ends Sunday 25 October 2026.
    (date(2026, 10, 25), date(2026, 10, 19), date(2026, 10, 25), date(2026, 10, 26)),
    # The rule set of 1 July 2026 keeps weekly periods, so the week across it is whole.
    (date(2026, 7, 1), date(2026, 6, 29), date(2026, 7, 5), date(2026, 7, 6)),
    (date(2026, 6, 30), date(2026, 6, 29), date(2026, 7, 5), date(2026, 7, 6)),
    # Christmas 2026: the week ends Sunday 27 December; Monday 28 is a working day.
    (date(2026, 12, 24), date(2026, 12, 21), date(2026, 12, 27), date(2026, 12, 28)),
    # Year end 2026: weekly periods end with the rule set; the last week is cut at 31 December.
    (date(2026, 12, 29), date(2026, 12, 28), date(2026, 12, 31), date(2026, 12, 31)),
    # From 1 January 2027 (expected set): monthly. January ends on a Sunday.
    (date(2027, 1, 1), date(2027, 1, 1), date(2027, 1, 31), date(2027, 2, 1)),
    (date(2027, 2, 14), date(2027, 2, 1), date(2027, 2, 28), date(2027, 3, 1)),
    # Summer time starts on Easter Sunday 28 March 2027; March ends on a Wednesday.
    (date(2027, 3, 28), date(2027, 3, 1), date(2027, 3, 31), date(2027, 3, 31)),
    # October 2027 ends on a Sunday (and summer time ends that day).
    (date(2027, 10, 31), date(2027, 10, 1), date(2027, 10, 31), date(2027, 11, 1)),
    # December 2027 ends on a Friday, a working day.
    (date(2027, 12, 31), date(2027, 12, 1), date(2027, 12, 31), date(2027, 12, 31)),
    # December 2028 ends on a Sunday and 1 January is a holiday: Tuesday 2 January 2029.
    (date(2028, 12, 15), date(2028, 12, 1), date(2028, 12, 31), date(2029, 1, 2)),
])
@pytest.mark.parametrize("group", ["dagpenge", "kontanthjaelp_jobparat", "kontanthjaelp_uddannelsesparat",
                                   "uddannelseshjaelp", "ledighedsydelse"])
def test_period_and_deadline(group, day, start, end, deadline):
    period = period_for(group, day)
    assert (period.start, period.end, period.deadline) == (start, end, deadline)


def test_holidays_and_weekends():
    assert not is_working_day(date(2026, 12, 25)) and not is_working_day(date(2026, 12, 26))
    assert not is_working_day(date(2027, 1, 1)) and not is_working_day(date(2026, 4, 6))
    assert is_working_day(date(2026, 12, 28))
    assert next_working_day(date(2026, 12, 25)) == date(2026, 12, 28)
    assert next_working_day(date(2026, 4, 2)) == date(2026, 4, 7)  # Maundy Thursday to Easter Monday


def test_periods_follow_each_other_without_gaps_or_overlap_across_rule_sets():
    periods = periods_between("dagpenge", date(2026, 6, 1), date(2027, 3, 15))
    for earlier, later in zip(periods, periods[1:]):
        assert later.start == earlier.end + timedelta(days=1)
    kinds = [p.kind for p in periods]
    assert kinds.index("month") == next(i for i, p in enumerate(periods) if p.start == date(2027, 1, 1))
    assert periods[-1] == Period(date(2027, 3, 1), date(2027, 3, 31), date(2027, 3, 31), "month")


def test_the_period_follows_copenhagen_time_around_midnight_in_summer_and_winter():
    citizen = {"id": 0, "target_group": "dagpenge", "group_since": "2026-01-01", "municipality_id": 1}
    # Sunday 25 October 2026, 23:30 in Copenhagen (winter time, UTC+1) is still in week 43...
    with time_machine.travel("2026-10-25 22:30 +0000", tick=False):
        assert clock.today() == date(2026, 10, 25)
        assert period_for(citizen["target_group"], clock.today()).start == date(2026, 10, 19)
    # ...and half an hour later it is Monday: a new week.
    with time_machine.travel("2026-10-25 23:30 +0000", tick=False):
        assert period_for(citizen["target_group"], clock.today()).start == date(2026, 10, 26)
    # Summer time (UTC+2): Sunday 29 March 2026 at 23:30 local is 21:30 UTC.
    with time_machine.travel("2026-03-29 21:30 +0000", tick=False):
        assert clock.today() == date(2026, 3, 29)
    with time_machine.travel("2026-03-29 22:30 +0000", tick=False):
        assert clock.today() == date(2026, 3, 30)


def test_deadline_ends_at_midnight_copenhagen_time():
    summer = period_for("dagpenge", date(2026, 9, 16))
    winter = period_for("dagpenge", date(2026, 11, 25))
    assert service.deadline_end(summer).strftime("%H:%M") == "21:59"   # 23:59 CEST
    assert service.deadline_end(winter).strftime("%H:%M") == "22:59"   # 23:59 CET


def test_requirement_comes_from_the_rules_in_force_on_the_date(db):
    ali = dict(db.execute("SELECT * FROM citizens WHERE name = 'Ali Hassan'").fetchone())
    db.execute("UPDATE joblog_requirements SET set_at = '2026-11-01T10:00:00Z' WHERE citizen_id = ?", [ali["id"]])
    # The caseworker set 3 a week (demo data); weekly in 2026, and it does not carry over to
    # the monthly periods of 2027, where the rules' default of 6 a month applies.
    week = service.requirement_for(db, ali, date(2026, 12, 1))
    assert (week.count, week.period, week.set_by_caseworker) == (3, "week", True)
    month = service.requirement_for(db, ali, date(2027, 2, 1))
    assert (month.count, month.period, month.set_by_caseworker, month.default_count) == (6, "month", False, 6)
    assert service.requirement_for(db, {**ali, "target_group": "sygedagpenge"}, date(2026, 12, 1)) is None


def test_a_past_period_is_judged_by_the_requirement_then(app, db):
    """The caseworker raises the number today: last month's periods keep the number they had."""
    mette_id = citizen_id(db, "Mette Jensen")
    mette = dict(db.execute("SELECT * FROM citizens WHERE id = ?", [mette_id]).fetchone())
    worker = db.execute("SELECT id FROM caseworkers WHERE email = 'anne@fjordby.example'").fetchone()[0]
    with time_machine.travel("2026-11-02 10:00 +0100", tick=False):
        service.set_requirement(db, caseworker_id=worker, citizen=mette, count=1, note=None, from_current_period=True)
    with time_machine.travel("2026-11-20 10:00 +0100", tick=False):
        service.set_requirement(db, caseworker_id=worker, citizen=mette, count=5, note="Fem om ugen",
                                from_current_period=True)
    assert service.requirement_for(db, mette, date(2026, 10, 25)).count == 2     # before any change
    assert service.requirement_for(db, mette, date(2026, 11, 8)).count == 1
    assert service.requirement_for(db, mette, date(2026, 11, 20)).count == 5
    now = service.requirement_for(db, mette, date(2026, 11, 30))
    assert (now.count, now.note) == (5, "Fem om ugen")


def test_a_number_set_in_the_last_week_for_the_first_month_applies_per_month(app, db):
    """Set on 29 December 2026 to apply from the next period, the number is for the monthly
    periods of the rule set expected from 1 January 2027, as the receipt says; the rest of the
    last weekly period keeps the rules' default."""
    mette_id = citizen_id(db, "Mette Jensen")
    mette = dict(db.execute("SELECT * FROM citizens WHERE id = ?", [mette_id]).fetchone())
    worker = db.execute("SELECT id FROM caseworkers WHERE email = 'anne@fjordby.example'").fetchone()[0]
    with time_machine.travel("2026-12-29 10:00 +0100", tick=False):
        applies_from = service.set_requirement(db, caseworker_id=worker, citizen=mette, count=8, note=None)
    assert applies_from == date(2027, 1, 1)
    last_week = service.requirement_for(db, mette, date(2026, 12, 30))
    assert (last_week.period, last_week.set_by_caseworker) == ("week", False)
    january = service.requirement_for(db, mette, date(2027, 1, 20))
    assert (january.count, january.period, january.set_by_caseworker) == (8, "month", True)
