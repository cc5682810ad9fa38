"""The rules as data: every group in every rule set, and the changes as each date passes."""
from datetime import date, timedelta

import pytest
import time_machine

from app.rules import (APPROVAL, CHOICE, FIXED, GROUPS, UnknownGroup, all_rule_sets,
                       format_policy, rule_set_for, rules_for)

BEFORE = date(2026, 6, 30)
JULY_2026 = date(2026, 7, 1)
JAN_2027 = date(2027, 1, 1)
DATES = [BEFORE, JULY_2026, JAN_2027]


def test_three_rule_sets_in_date_order_and_the_last_is_expected():
    sets = all_rule_sets()
    assert [s.valid_from for s in sets] == [date(2024, 1, 1), JULY_2026, JAN_2027]
    assert [s.expected for s in sets] == [False, False, True]


@pytest.mark.parametrize("on_date,key", [
    (date(2020, 1, 1), "2024"), (BEFORE, "2024"), (JULY_2026, "2026-07"),
    (date(2026, 12, 31), "2026-07"), (JAN_2027, "2027-01"), (date(2030, 5, 5), "2027-01")])
def test_the_set_in_force_on_a_date(on_date, key):
    assert rule_set_for(on_date)[0].key == key


@pytest.mark.parametrize("on_date", DATES)
@pytest.mark.parametrize("group", GROUPS)
def test_every_group_has_every_rule(group, on_date):
    rules = rules_for(group, on_date)
    assert rules.group == group
    assert rules.first_conversation_days > 0
    assert rules.conversations_first_half_year >= 1
    assert rules.conversation_reminders and all(t.total_seconds() > 0 for t in rules.conversation_reminders)
    assert rules.cancellation_cutoff == timedelta(0)  # online cancellation open until the start
    assert rules.late_change_hours == 24
    for kind in ("first", "cv", "job", "joint", "followup_first", "followup"):
        policy = format_policy(rules, kind)
        assert policy.mode in (FIXED, CHOICE, APPROVAL)
        assert policy.default == "in_person"
    if rules.joblog:
        assert rules.joblog.period in ("week", "month") and rules.joblog.count > 0


def test_unknown_group_is_an_error():
    with pytest.raises(UnknownGroup):
        rules_for("pensionist", JULY_2026)


def test_first_conversation_deadlines_from_the_brief():
    assert rules_for("dagpenge", BEFORE).first_conversation_days == 14
    assert rules_for("dagpenge", BEFORE).first_conversation_held_by == "akasse"
    for group in ("kontanthjaelp_jobparat", "kontanthjaelp_aktivitetsparat", "uddannelseshjaelp",
                  "kontanthjaelp_uddannelsesparat", "kontanthjaelp_aabenlyst_uddannelsesparat"):
        assert rules_for(group, BEFORE).first_conversation_days == 7
    assert rules_for("sygedagpenge", BEFORE).first_conversation_days == 56  # end of week 8
    for group in ("ledighedsydelse", "ressourceforloeb", "jobafklaringsforloeb", "revalidering", "integration"):
        assert rules_for(group, BEFORE).first_conversation_days == 14
    assert rules_for("uddannelseshjaelp", BEFORE).first_offer_within_days == 30


def test_dagpenge_contact_course_changes_on_1_july_2026():
    before = {q.held_by: q.count for q in rules_for("dagpenge", BEFORE).contact}
    after = {q.held_by: q.count for q in rules_for("dagpenge", JULY_2026).contact}
    assert before == {"akasse": 3, "jobcenter": 3}
    assert after == {"akasse": 2, "jobcenter": 2}


def test_expected_2027_set_gives_further_away_groups_one_conversation():
    for group in ("kontanthjaelp_aktivitetsparat", "ressourceforloeb", "revalidering", "sygedagpenge"):
        assert rules_for(group, date(2026, 12, 31)).conversations_first_half_year == 4
        assert rules_for(group, JAN_2027).conversations_first_half_year == 1
    assert rules_for("kontanthjaelp_jobparat", JAN_2027).track == "jobsoegning"
    assert rules_for("ledighedsydelse", JAN_2027).track == "jobsoegning"


def test_joblog_weekly_today_monthly_with_week_reminder_from_2027():
    assert rules_for("dagpenge", JULY_2026).joblog.period == "week"
    assert rules_for("dagpenge", JULY_2026).joblog.count == 2
    monthly = rules_for("dagpenge", JAN_2027).joblog
    assert monthly.period == "month" and monthly.reminder_days_before == 7
    for group in ("sygedagpenge", "kontanthjaelp_aktivitetsparat", "ressourceforloeb"):
        assert rules_for(group, JULY_2026).joblog is None


def test_first_conversation_in_person_and_citizen_chooses_after():
    for on_date in DATES:
        for group in GROUPS:
            rules = rules_for(group, on_date)
            first = format_policy(rules, "first")
            assert first.default == "in_person" and first.mode == APPROVAL
            assert format_policy(rules, "cv").mode == FIXED
            expected = APPROVAL if group == "integration" else CHOICE
            assert format_policy(rules, "job").mode == expected


def test_sick_listed_first_followup_digital_only_from_a_job_until_2027():
    for on_date in (BEFORE, JULY_2026):
        rules = rules_for("sygedagpenge", on_date)
        assert format_policy(rules, "followup_first", "employed").mode == CHOICE
        assert format_policy(rules, "followup_first", "unemployed").mode == APPROVAL
    rules = rules_for("sygedagpenge", JAN_2027)
    assert format_policy(rules, "followup_first", "unemployed").mode == CHOICE


def test_sick_listed_26_week_exemption_from_july_2026():
    assert rules_for("sygedagpenge", BEFORE).sick.no_required_if_return_within_weeks is None
    assert rules_for("sygedagpenge", JULY_2026).sick.no_required_if_return_within_weeks == 26
    assert rules_for("sygedagpenge", BEFORE).sick.late_form_gets_new_deadline is False
    assert rules_for("sygedagpenge", JAN_2027).sick.late_form_gets_new_deadline is True


def test_rules_cannot_be_changed_at_run_time():
    rules = rules_for("dagpenge", JULY_2026)
    with pytest.raises(Exception):
        rules.self_booking = False


def test_rules_for_defaults_to_today():
    with time_machine.travel("2026-06-30 12:00 +0000", tick=False):
        assert rules_for("dagpenge").rule_set.key == "2024"
    with time_machine.travel("2026-06-30 22:30 +0000", tick=False):
        # Already 1 July in Copenhagen (UTC+2 in summer).
        assert rules_for("dagpenge").rule_set.key == "2026-07"


# ------------------------------------------------------------------ issue 11: rules to correct
@pytest.mark.parametrize("on_date", DATES)
def test_under_30s_without_a_qualification_get_kontanthjaelp_since_july_2025(on_date):
    """Law no. 1655 of 30 December 2024 (in effect 1 July 2025) abolished uddannelseshjælp: the
    groups of today are kontanthjælp uddannelsesparat and åbenlyst uddannelsesparat. The former
    group stays readable for old records, but nobody new can be placed in it."""
    for group in ("kontanthjaelp_uddannelsesparat", "kontanthjaelp_aabenlyst_uddannelsesparat"):
        rules = rules_for(group, on_date)
        assert rules.open_to_new(on_date) and rules.availability and rules.joblog is not None
        assert rules.absence_consequence == "deduction_per_day"
    former = rules_for("uddannelseshjaelp", on_date)
    assert former.closed_to_new_from == date(2025, 7, 1) and not former.open_to_new(on_date)
    assert former.open_to_new(date(2025, 6, 30))
    # The former group follows its successor's rules.
    successor = rules_for("kontanthjaelp_uddannelsesparat", on_date)
    assert (former.contact, former.joblog, former.first_offer_within_days, former.offer_in_first_half_year) == \
        (successor.contact, successor.joblog, successor.first_offer_within_days, successor.offer_in_first_half_year)


def test_the_continuous_right_and_duty_to_offers_is_replaced_from_july_2026():
    """Law no. 1750 of 29 December 2025: the first offer within 30 days (a continuous right and
    duty for under-30s) is replaced from 1 July 2026 by an offer within the first 6 months for at
    least three in four, with exemptions (STAR webinar of 21 January 2026)."""
    for group in ("kontanthjaelp_uddannelsesparat", "kontanthjaelp_aabenlyst_uddannelsesparat", "uddannelseshjaelp"):
        assert rules_for(group, BEFORE).first_offer_within_days == 30
        assert not rules_for(group, BEFORE).offer_in_first_half_year
        for on_date in (JULY_2026, JAN_2027):
            rules = rules_for(group, on_date)
            assert rules.first_offer_within_days is None and rules.offer_in_first_half_year
    for group in GROUPS:
        assert rules_for(group, JULY_2026).first_offer_within_days is None


@pytest.mark.parametrize("on_date", DATES)
def test_ressourceforloeb_and_revalidering_are_closed_to_new_citizens(on_date):
    """Law no. 1750 of 29 December 2025: nobody new from the law's entry into force (1 February
    2026, per STAR); those already in them continue (their rules are still there)."""
    for group in ("ressourceforloeb", "revalidering"):
        rules = rules_for(group, on_date)
        assert rules.closed_to_new_from == date(2026, 2, 1)
        assert not rules.open_to_new(on_date) and rules.open_to_new(date(2026, 1, 31))
        assert rules.conversations_first_half_year >= 1   # those in them are still followed
    for group in ("dagpenge", "kontanthjaelp_jobparat", "sygedagpenge", "integration"):
        assert rules_for(group, on_date).open_to_new(on_date)


def test_jobafklaring_is_closed_to_new_citizens_only_in_the_expected_2027_set():
    assert rules_for("jobafklaringsforloeb", JULY_2026).open_to_new(JULY_2026)
    assert not rules_for("jobafklaringsforloeb", JAN_2027).open_to_new(JAN_2027)
    assert rules_for("jobafklaringsforloeb", JAN_2027).rule_set.expected


def test_up_to_one_in_four_may_be_exempted_from_july_2026():
    """Law no. 1750, from 1 July 2026 (STAR webinar 21 January 2026, STAR questions and answers):
    conversations and offers for dagpenge and job-ready kontanthjælp; offers for education-ready
    kontanthjælp; conversations for ledighedsydelse; at most one in four; within the first 6 months."""
    for group in GROUPS:
        assert rules_for(group, BEFORE).exemption is None
    expected = {"dagpenge": ("conversations", "offers"), "kontanthjaelp_jobparat": ("conversations", "offers"),
                "kontanthjaelp_uddannelsesparat": ("offers",),
                "kontanthjaelp_aabenlyst_uddannelsesparat": ("offers",), "uddannelseshjaelp": ("offers",),
                "ledighedsydelse": ("conversations",)}
    for on_date in (JULY_2026, JAN_2027):
        found = {g: rules_for(g, on_date).exemption.covers for g in GROUPS if rules_for(g, on_date).exemption}
        assert found == expected
        for group in found:
            rule = rules_for(group, on_date).exemption
            assert rule.max_share == 0.25 and rule.within_weeks == 26 and rule.source


def test_every_source_a_rule_names_is_written_down_with_its_address():
    from app.rules.sets import SOURCES
    for key, text in SOURCES.items():
        assert "https://" in text, key
    for on_date in DATES:
        for group in GROUPS:
            rule = rules_for(group, on_date).exemption
            if rule:
                assert all(part.strip() in SOURCES for part in rule.source.split(","))
