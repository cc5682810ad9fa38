"""Conversation rules per target group and rule set: allowed formats, what needs approval,
the cut-offs, self-booking and the absence consequence the cancellation page explains."""
from datetime import date, datetime, timedelta, timezone

import pytest

from app.conversations import booking, service
from app.conversations.texts import ABSENCE_CONSEQUENCES, SICK_REPORTS
from app.rules import APPROVAL, CHOICE, FIXED, FORMATS, GROUPS, format_policy, rules_for

DATES = {"2024": date(2026, 6, 30), "2026-07": date(2026, 7, 1), "2027-01": date(2027, 1, 4)}
SELF_BOOKING = {
    "2024": {"dagpenge", "kontanthjaelp_jobparat", "sygedagpenge", "jobafklaringsforloeb"},
    "2026-07": {"dagpenge", "kontanthjaelp_jobparat", "sygedagpenge", "jobafklaringsforloeb"},
    # Expected 2027: the tracks close to the labour market (rec. 2.1) and sick-listed; jobafklaring abolished.
    "2027-01": {"dagpenge", "kontanthjaelp_jobparat", "ledighedsydelse", "sygedagpenge"},
}
CONSEQUENCE = {"dagpenge": "benefit_stops_until_contact", "kontanthjaelp_jobparat": "deduction_per_day",
               "kontanthjaelp_aktivitetsparat": "deduction_per_day", "uddannelseshjaelp": "deduction_per_day",
               "kontanthjaelp_uddannelsesparat": "deduction_per_day",
               "kontanthjaelp_aabenlyst_uddannelsesparat": "deduction_per_day",
               "sygedagpenge": "no_sanction_text"}


def _expected_job_policy(group):
    # The introduction programme: the jobcenter decides the format (002 [L619-627]).
    return APPROVAL if group == "integration" else CHOICE


@pytest.mark.parametrize("key", DATES)
@pytest.mark.parametrize("group", GROUPS)
def test_formats_approval_and_cut_offs(group, key):
    on = DATES[key]
    rules = rules_for(group, on)
    assert rules.rule_set.key == key
    # The first conversation is in person; another format is an exceptional request.
    assert format_policy(rules, "first").mode == APPROVAL and format_policy(rules, "first").default == "in_person"
    # The a-kasse's CV conversation is in person, no choice.
    assert format_policy(rules, "cv").mode == FIXED and format_policy(rules, "cv").formats == ("in_person",)
    for kind in ("job", "joint", "followup"):
        policy = format_policy(rules, kind)
        assert policy.mode == _expected_job_policy(group), (group, kind)
        assert set(policy.formats) == set(FORMATS)
    assert rules.late_change_hours == 24
    assert rules.cancellation_cutoff == timedelta(0)
    assert rules.self_booking_min_days == 8
    assert rules.reschedule_window_days >= 1
    assert rules.self_booking == (group in SELF_BOOKING[key]), group
    assert rules.absence_consequence == CONSEQUENCE.get(group, "contact_jobcenter")
    assert rules.absence_consequence in ABSENCE_CONSEQUENCES
    # Sick-listed: plain guidance only once the first follow-up is held (003 rec. 3.5).
    after = rules.absence_consequence_after_first_followup
    assert after == ("sick_benefit_while_not_taking_part" if rules.sick else None)
    assert after is None or after in ABSENCE_CONSEQUENCES
    assert rules.sick_report is None or rules.sick_report in SICK_REPORTS


@pytest.mark.parametrize("key", DATES)
def test_sick_listed_first_follow_up(key):
    rules = rules_for("sygedagpenge", DATES[key])
    employed = format_policy(rules, "followup_first", "employed")
    unemployed = format_policy(rules, "followup_first", "unemployed")
    assert employed.mode == CHOICE  # sick-listed from a job: phone or video at once
    # Today only from a job; the expert group's rec. 2.9 (expected 2027) for everyone.
    assert unemployed.mode == (CHOICE if key == "2027-01" else APPROVAL)
    # Other groups have no sick rules, so their first follow-up stays a request.
    assert format_policy(rules_for("dagpenge", DATES[key]), "followup_first", "employed").mode == APPROVAL


def _conv(kind, starts):
    return {"kind": kind, "starts_at": starts.strftime("%Y-%m-%dT%H:%M:%SZ"), "format": "in_person",
            "in_person_ground": None}


@pytest.mark.parametrize("group", GROUPS)
def test_a_change_inside_24_hours_needs_approval_for_every_group(group):
    now = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
    citizen = {"target_group": group, "employment_status": "employed"}
    far, near = _conv("job", now + timedelta(hours=25)), _conv("job", now + timedelta(hours=23))
    assert service.needs_approval(citizen, near, now) is True
    assert service.needs_approval(citizen, far, now) is (group == "integration")
    assert service.needs_approval(citizen, _conv("first", now + timedelta(days=5)), now) is True


def test_booking_offers_the_citizen_s_choice_or_only_the_default():
    slot = {"formats": "in_person,phone,video"}
    afternoon = {"formats": "phone,video"}
    choice = format_policy(rules_for("dagpenge", DATES["2026-07"]), "job")
    approval = format_policy(rules_for("integration", DATES["2026-07"]), "job")
    assert booking.booking_formats(choice, slot) == ("in_person", "phone", "video")
    assert booking.booking_formats(choice, afternoon) == ("phone", "video")
    assert booking.booking_formats(approval, slot) == ("in_person",)
    assert booking.booking_formats(approval, afternoon) == ()


def test_exempt_citizens_are_summoned_not_self_booked():
    rules = rules_for("dagpenge", DATES["2026-07"])
    assert booking.may_self_book({"self_booking_exempt_reason": None}, rules)
    for reason in ("it_skills", "language", "disability", "interpreter", "special_place", "workplace"):
        assert not booking.may_self_book({"self_booking_exempt_reason": reason}, rules)
    assert not booking.may_self_book({"self_booking_exempt_reason": None}, rules_for("integration", DATES["2026-07"]))


@pytest.mark.parametrize("key", DATES)
@pytest.mark.parametrize("group", GROUPS)
def test_summoned_kinds_exemptions_and_in_person_grounds(group, key):
    rules = rules_for(group, DATES[key])
    # The first conversation, and joint ones with the a-kasse, are summoned: never offered for self-booking.
    for kind in (rules.first_conversation_kind, "first", "joint"):
        assert rules.is_summoned_kind(kind) and kind not in rules.invitation_kinds, (group, kind)
    assert not rules.is_summoned_kind("followup" if rules.sick else "job")
    assert rules.invitation_kinds == (("followup",) if rules.sick else ("job",))
    common = {"it_skills", "language", "disability", "interpreter", "special_place"}
    assert set(rules.self_booking_exemptions) == (common | {"workplace"} if rules.sick else common)
    # The ministry's grounds; the sick-listed ground only where the rules are a sick-listed citizen's.
    assert {"guidance_face_to_face", "planning_next_steps"} <= set(rules.in_person_grounds)
    assert ("sick_complex" in rules.in_person_grounds) == (rules.sick is not None)
    assert ("availability_doubt" in rules.in_person_grounds) == (rules.sick is None)
    from app.conversations.texts import EXEMPTION_REASONS, IN_PERSON_GROUNDS
    assert set(rules.self_booking_exemptions) <= set(EXEMPTION_REASONS)
    assert set(rules.in_person_grounds) <= set(IN_PERSON_GROUNDS)
