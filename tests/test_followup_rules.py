"""The sick-leave rules at work: the week counter (holidays, summer time, partial and full
return), the deadlines, a late form, the 26-week rule, and who may have the first follow-up by
phone or video in every rule set."""
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest
import time_machine

from app import clock
from app.auth.queries import citizen_by_id
from app.conversations import service as conversations
from app.followup import overview
from app.followup.standing import followup_deadline, form_deadline, schedule, standing
from app.rules import APPROVAL, CHOICE, format_policy, rules_for
from app.workdays import next_working_day, working_day_on_or_before

from .conftest import citizen_id

BEFORE = date(2026, 6, 30)
JULY_2026 = date(2026, 7, 1)
JAN_2027 = date(2027, 1, 4)


def sick(on_date):
    return rules_for("sygedagpenge", on_date).sick


# ------------------------------------------------------------------ the week counter
def test_the_employer_period_does_not_count_and_christmas_does_not_stop_the_count():
    rules = sick(JULY_2026)
    first = date(2026, 11, 2)
    s = standing(first, "employed", date(2026, 12, 1), rules)
    assert s.employer_days == 30 and s.benefit_start == date(2026, 12, 2)
    assert not s.started and s.week == 0
    s = standing(first, "employed", date(2026, 12, 2), rules)
    assert s.started and s.week == 1
    # Over Christmas and New Year: calendar weeks, the public holidays change nothing.
    s = standing(first, "employed", date(2027, 1, 5), sick(date(2027, 1, 5)))
    assert s.counted_days == 35 and s.week == 5
    s = standing(first, "employed", date(2027, 1, 6), sick(date(2027, 1, 6)))
    assert s.week == 6
    assert s.limit_date == date(2026, 12, 2) + timedelta(weeks=22) - timedelta(days=1)


def test_unemployed_count_from_the_first_day_across_easter_and_summer_time():
    rules = sick(JAN_2027)
    first = date(2027, 3, 22)  # summer time starts 28 March 2027, Easter Monday is 29 March
    s = standing(first, "unemployed", date(2027, 4, 5), rules)
    assert s.employer_days == 0 and s.counted_days == 15 and s.week == 3
    assert s.akasse_weeks == rules.akasse_pays_weeks == 4


def test_partial_sick_leave_still_counts_and_a_full_return_stops_the_count():
    rules = sick(JULY_2026)
    first = date(2026, 6, 1)
    partial = standing(first, "unemployed", date(2026, 8, 2), rules, partial=True)
    whole = standing(first, "unemployed", date(2026, 8, 2), rules)
    assert partial.counted_days == whole.counted_days == 63 and partial.week == 9 and partial.partial
    back = standing(first, "unemployed", date(2026, 9, 30), rules, full_return_on=date(2026, 7, 6), partial=True)
    assert back.stopped_on == date(2026, 7, 6) and back.counted_days == 35 and back.week == 5
    assert not back.partial and not back.near_limit
    # A return registered ahead of time does not stop today's count.
    ahead = standing(first, "unemployed", date(2026, 7, 1), rules, full_return_on=date(2026, 7, 6))
    assert ahead.stopped_on is None and ahead.counted_days == 31


def test_near_and_at_the_limit():
    rules = sick(JULY_2026)
    first = date(2026, 1, 5)
    assert not standing(first, "unemployed", first + timedelta(weeks=17) - timedelta(days=1), rules).near_limit
    near = standing(first, "unemployed", first + timedelta(weeks=17) + timedelta(days=1), rules)
    assert near.week == 18 and near.near_limit and not near.at_limit
    assert standing(first, "unemployed", first + timedelta(weeks=22), rules).at_limit


def test_the_local_date_decides_the_week_at_midnight(app, db):
    """00:30 in Copenhagen on the day summer time starts is still 27 March in UTC."""
    with app.app_context():
        niels = dict(citizen_by_id(db, citizen_id(db, "Niels Bak")))
        db.execute("UPDATE sick_cases SET first_sick_day = '2027-03-22' WHERE citizen_id = ?", [niels["id"]])
        at = datetime(2027, 3, 27, 23, 30, tzinfo=timezone.utc)
        ov = overview.build(db, niels, at)
        assert ov.today == date(2027, 3, 28) and ov.standing.counted_days == 7 and ov.standing.week == 1


# ------------------------------------------------------------------ deadlines
def test_form_deadline_counts_from_sending_and_moves_past_christmas():
    rules = sick(JULY_2026)
    d = form_deadline(date(2026, 12, 17), date(2026, 12, 18), rules, rules)
    assert d.original == d.deadline == date(2026, 12, 28)  # 25 Dec + 26 Dec + Sunday
    assert not d.late and not d.new_deadline


@pytest.mark.parametrize("on_date", [BEFORE, JULY_2026])
def test_a_late_form_under_the_law_in_force_keeps_its_deadline_and_may_stop_the_benefit(on_date):
    """003 [L3031-3057]: today a form not sent back in time stops sickness benefit from the
    deadline until it arrives; the new deadline instead (rec. 3.4) is for the 2027 set only."""
    rules = sick(on_date)
    assert not rules.late_form_gets_new_deadline
    sent = date(2026, 11, 2)
    on_time = form_deadline(sent, date(2026, 11, 10), rules, rules)
    assert on_time.deadline == date(2026, 11, 10) and not on_time.late and not on_time.benefit_may_stop
    late = form_deadline(sent, date(2026, 11, 11), rules, rules)
    assert late.late and not late.new_deadline and late.benefit_may_stop
    assert late.original == late.deadline == date(2026, 11, 10)
    assert not form_deadline(sent, date(2026, 11, 20), rules, rules, submitted=True).late


def test_late_form_under_the_2027_rules_gets_a_new_deadline():
    rules = sick(JAN_2027)
    assert rules.late_form_gets_new_deadline
    late = form_deadline(date(2027, 1, 4), date(2027, 1, 15), rules, rules)
    assert late.original == date(2027, 1, 12)
    assert late.late and late.new_deadline and late.deadline == date(2027, 1, 20) and not late.benefit_may_stop
    later = form_deadline(date(2027, 1, 4), date(2027, 1, 25), rules, rules)
    assert later.deadline == date(2027, 1, 28) and later.deadline >= date(2027, 1, 25)


def test_first_follow_up_by_the_end_of_week_8_on_a_working_day():
    rules = sick(JULY_2026)
    # Week 8 ends Sunday 27 December 2026; 25 and 26 December are holidays: Thursday 24th.
    assert followup_deadline(date(2026, 11, 2), 1, 4, rules) == date(2026, 12, 24)
    # Week 8 ends on Easter Monday 2027: back past Easter to Wednesday 24 March.
    assert followup_deadline(date(2027, 2, 2), 1, 4, rules) == date(2027, 3, 24)
    assert working_day_on_or_before(date(2027, 3, 29)) == date(2027, 3, 24)
    assert next_working_day(date(2027, 3, 25)) == date(2027, 3, 30)


@pytest.mark.parametrize("on_date,count,last_week", [(BEFORE, 4, 26), (JULY_2026, 4, 26), (JAN_2027, 1, 8)])
def test_follow_ups_in_the_first_half_year_per_rule_set(on_date, count, last_week):
    rules = sick(on_date)
    first = date(2026, 1, 5)  # a Monday: every week ends on a Sunday, so deadlines fall on Fridays
    sc = schedule(first, "unemployed", first, rules, held=0)
    assert sc.required and sc.count == count == rules.followups_first_half_year
    assert sc.first_deadline == sc.next_deadline == first + timedelta(weeks=8) - timedelta(days=3)
    assert sc.deadlines[-1] == first + timedelta(weeks=last_week) - timedelta(days=3)
    assert list(sc.deadlines) == sorted(sc.deadlines)
    if count == 4:
        assert [(d - first).days // 7 + 1 for d in sc.deadlines] == [8, 14, 20, 26]
    done = schedule(first, "unemployed", first, rules, held=count)
    assert done.next_deadline is None and done.required


@pytest.mark.parametrize("on_date", [BEFORE, JULY_2026, JAN_2027])
def test_the_spread_of_follow_ups_and_who_the_akasse_pays_come_from_the_rules(on_date):
    rules = sick(on_date)
    assert rules.followup_period_weeks == 26 and rules.followup_spacing == "even"
    assert rules.akasse_pays_for == frozenset({"unemployed"})
    first = date(2026, 1, 5)
    shorter = replace(rules, followups_first_half_year=4, followup_period_weeks=20)
    weeks = [(d - first).days // 7 + 1 for d in schedule(first, "unemployed", first, shorter, held=0).deadlines]
    assert weeks == [8, 12, 16, 20]
    with pytest.raises(ValueError):
        followup_deadline(first, 2, 4, replace(rules, followup_spacing="monthly"))
    day = first + timedelta(weeks=3)
    assert standing(first, "self_employed", day, rules).akasse_weeks == 0
    wider = replace(rules, akasse_pays_for=frozenset({"unemployed", "self_employed"}))
    assert standing(first, "self_employed", day, wider).akasse_weeks == rules.akasse_pays_weeks
    assert standing(first, "unemployed", day, replace(rules, akasse_pays_for=frozenset())).akasse_weeks == 0


@pytest.mark.parametrize("on_date,exempt", [(BEFORE, False), (JULY_2026, True), (JAN_2027, True)])
def test_no_required_follow_ups_when_both_expect_a_return_within_26_weeks_from_july_2026(on_date, exempt):
    """Law no. 1750 (from 1 July 2026): no required conversations when both the citizen and the
    employer expect the return within 26 weeks; if their expectations differ, follow-up applies."""
    rules = sick(on_date)
    first = on_date - timedelta(weeks=2)
    both = schedule(first, "employed", on_date, rules, held=0, return_within="yes", employer_return_within="yes")
    assert both.required is not exempt
    assert both.reason == ("return_within" if exempt else None)
    # Only the citizen, or only the employer: the follow-up applies.
    assert schedule(first, "employed", on_date, rules, held=0, return_within="yes", employer_return_within="no").required
    assert schedule(first, "employed", on_date, rules, held=0, return_within="no", employer_return_within="yes").required
    assert schedule(first, "employed", on_date, rules, held=0, return_within="yes").required
    # Only someone with a job to return to; and "don't know" keeps the follow-ups.
    assert schedule(first, "unemployed", on_date, rules, held=0, return_within="yes",
                    employer_return_within="yes").required
    assert schedule(first, "employed", on_date, rules, held=0, return_within="dont_know",
                    employer_return_within="yes").required
    back = schedule(first, "unemployed", on_date, rules, held=0, full_return_on=on_date)
    assert not back.required and back.reason == "returned" and back.next_deadline is None


@pytest.mark.parametrize("on_date", [BEFORE, JULY_2026, JAN_2027])
def test_the_count_applies_only_to_cases_expected_to_last_more_than_8_weeks(on_date):
    """Sygedagpengeloven § 13 b and STAR (star_sdp_followup): the follow-ups of § 13 b are for
    cases expected to last more than 8 weeks; in shorter ones the municipality decides."""
    rules = sick(on_date)
    assert rules.fixed_count_if_expected_over_weeks == 8
    first = on_date - timedelta(weeks=1)
    for short in ("under_4_weeks", "4_to_8_weeks"):
        sc = schedule(first, "unemployed", on_date, rules, held=0, expected_duration=short)
        assert not sc.required and sc.reason == "municipality_decides" and sc.next_deadline is None
    for longer in ("2_to_6_months", "over_6_months", "dont_know", None):
        sc = schedule(first, "unemployed", on_date, rules, held=0, expected_duration=longer)
        assert sc.required and sc.count == rules.followups_first_half_year


@pytest.mark.parametrize("on_date", [BEFORE, JULY_2026, JAN_2027])
def test_an_employed_citizen_with_a_predictable_course_needs_only_the_first_conversation(on_date):
    """Sygedagpengeloven § 13 f (sdp_13f): employed, a predictable course, expected fully back
    within 13 weeks of the first follow-up: only that conversation is required."""
    rules = sick(on_date)
    assert rules.first_only_if_back_within_weeks == 13
    first = on_date - timedelta(weeks=9)
    sc = schedule(first, "employed", on_date, rules, held=1, expected_duration="2_to_6_months", predictable=True)
    assert sc.required and sc.first_only and sc.count == 1 and sc.next_deadline is None
    # Not for someone without a job, and not without the caseworker's assessment.
    assert not schedule(first, "unemployed", on_date, rules, held=1, predictable=True).first_only
    plain = schedule(first, "employed", on_date, rules, held=1)
    assert not plain.first_only and plain.count == rules.followups_first_half_year


# ------------------------------------------------------------------ digital first follow-up
@pytest.mark.parametrize("on_date,expected", [
    (BEFORE, {"employed": CHOICE, "unemployed": APPROVAL, "self_employed": APPROVAL, None: APPROVAL}),
    (JULY_2026, {"employed": CHOICE, "unemployed": APPROVAL, "self_employed": APPROVAL, None: APPROVAL}),
    (JAN_2027, {"employed": CHOICE, "unemployed": CHOICE, "self_employed": CHOICE, None: CHOICE}),
])
def test_who_may_have_the_first_follow_up_by_phone_or_video(on_date, expected):
    rules = rules_for("sygedagpenge", on_date)
    for status, mode in expected.items():
        assert format_policy(rules, "followup_first", status).mode == mode, (on_date, status)
        # After the first, every sick-listed citizen chooses.
        assert format_policy(rules, "followup", status).mode == CHOICE


def _followup_first(db, citizen, starts):
    return db.execute(
        "INSERT INTO conversations (citizen_id, municipality_id, held_by, kind, starts_at, ends_at, format, status,"
        " location, created_at, updated_at, uid) VALUES (?,?, 'jobcenter', 'followup_first', ?,?, 'in_person',"
        " 'booked', 'Havnegade 12', 'x', 'x', ?)",
        [citizen["id"], citizen["municipality_id"], clock.to_db(starts), clock.to_db(starts + timedelta(minutes=45)),
         f"fu-{citizen['id']}-{starts.isoformat()}@test"]).lastrowid


@pytest.mark.parametrize("moment,status,result", [
    ("2026-06-15 10:00 +0200", "employed", "changed"),
    ("2026-06-15 10:00 +0200", "unemployed", "requested"),
    ("2026-06-15 10:00 +0200", "self_employed", "requested"),
    ("2026-11-23 10:00 +0100", "employed", "changed"),
    ("2026-11-23 10:00 +0100", "unemployed", "requested"),
    ("2026-11-23 10:00 +0100", "self_employed", "requested"),
    ("2027-02-01 10:00 +0100", "employed", "changed"),
    ("2027-02-01 10:00 +0100", "unemployed", "changed"),
    ("2027-02-01 10:00 +0100", "self_employed", "changed"),
])
def test_choosing_phone_for_the_first_follow_up_through_the_format_service(app, db, moment, status, result):
    with app.app_context(), time_machine.travel(moment, tick=False):
        db.execute("UPDATE citizens SET employment_status = ? WHERE name = 'Niels Bak'", [status])
        niels = dict(citizen_by_id(db, citizen_id(db, "Niels Bak")))
        conv = _followup_first(db, niels, clock.now() + timedelta(days=4))
        change = conversations.change_format(db, citizen=niels, conversation_id=conv, to_format="phone")
        assert change.status == result
        fmt = db.execute("SELECT format FROM conversations WHERE id = ?", [conv]).fetchone()[0]
        assert fmt == ("phone" if result == "changed" else "in_person")
