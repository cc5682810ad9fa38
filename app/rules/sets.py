"""The three rule sets, as data. DOMAIN.md is the brief; each value names its source.

Common rules plus small per-group overrides (001 [L550-567]); periods in days and weeks,
not months (001 [L796]). A value marked SETTING is our choice where the sources are silent.
"""
from dataclasses import replace
from datetime import date, timedelta

from .model import (APPROVAL, CHOICE, FIXED, FORMATS, KIND_CV, KIND_FIRST, KIND_FOLLOWUP,
                    KIND_FOLLOWUP_FIRST, KIND_JOB, KIND_JOINT, ContactQuota, FormatPolicy,
                    JoblogRule, Rules, RuleSet, SickRules)

GROUPS = (
    "dagpenge",
    "kontanthjaelp_jobparat",
    "kontanthjaelp_aktivitetsparat",
    "uddannelseshjaelp",
    "sygedagpenge",
    "ledighedsydelse",
    "ressourceforloeb",
    "jobafklaringsforloeb",
    "revalidering",
    "integration",
)

IN_PERSON = FormatPolicy(FIXED, ("in_person",))
CITIZEN_CHOOSES = FormatPolicy(CHOICE, FORMATS)
ASK_CASEWORKER = FormatPolicy(APPROVAL, FORMATS)

# 002 [L446-491, L613-677]: the first conversation in person; after it the citizen chooses.
# A first conversation by phone or video for an exceptional reason is a request (DOMAIN.md).
COMMON_FORMATS = {
    KIND_FIRST: FormatPolicy(APPROVAL, FORMATS),
    KIND_CV: IN_PERSON,  # the a-kasse's CV conversation is in person (002 [L475-487])
    KIND_JOB: CITIZEN_CHOOSES,
    KIND_JOINT: CITIZEN_CHOOSES,
    KIND_FOLLOWUP_FIRST: FormatPolicy(APPROVAL, FORMATS),
    KIND_FOLLOWUP: CITIZEN_CHOOSES,
}
# Introduction programme: the jobcenter decides the format, so every wish is a request (002 [L619-627]).
INTEGRATION_FORMATS = {**COMMON_FORMATS, KIND_JOB: ASK_CASEWORKER, KIND_JOINT: ASK_CASEWORKER,
                       KIND_FOLLOWUP: ASK_CASEWORKER}

RIGHTS_ALL = ("conversation_on_request", "companion", "choose_format")
RIGHTS_JOBSEEKER = RIGHTS_ALL + ("basic_skills_test", "offers_guidance")

# SETTING: weekly periods, 2 entries by default for job-ready groups (DOMAIN.md, joblog);
# the reminder before the deadline is ours (no national one exists), 2 days ahead.
WEEKLY_JOBLOG = JoblogRule(period="week", count=2, reminder_days_before=2)
# 003 rec. 3.2 [L3744-3777]: monthly registration, an automatic reminder a week before.
# SETTING: 6 a month, near STAR's benchmark of about 1.5 applications a week.
MONTHLY_JOBLOG = JoblogRule(period="month", count=6, reminder_days_before=7)

SICK_2024 = SickRules(
    info_form_days=8,                       # 003 [L3031-3057]
    first_followup_weeks=8,                 # 003 [L113]
    followups_first_half_year=4,            # pub: sygedagpengeloven § 13 b
    digital_first_followup_for=frozenset({"employed"}),  # 003 [L1902-1928]
    no_required_if_return_within_weeks=None,
    benefit_limit_weeks=22,                 # pub: 22 weeks within 9 months, then reassessment
    benefit_limit_window_months=9,
    akasse_pays_weeks=2,                    # 003 [L7875-7907]
    # The law today: a missing form may stop the benefit (the caseworker's decision). Min Plan
    # shows a late form a new deadline in every set, never a threat (SETTING, rec. 3.4).
    late_form_gets_new_deadline=False,
    employer_period_days=30,                # pub: the employer pays the first 30 days; they do not count
    employer_period_for=frozenset({"employed"}),  # pub: only someone sick-listed from a job has an employer period
    limit_warning_weeks=4,                  # SETTING: near the limit in the caseworker's follow-up queue
    followup_period_weeks=26,               # pub: § 13 b "the first 6 months", in weeks (001 [L796])
    followup_spacing="even",                # SETTING: the sources give only the count; spread evenly
    akasse_pays_for=frozenset({"unemployed"}),  # 003 [L7875-7907]: the a-kasse pays its unemployed sick members
)
# From 1 July 2026: employed citizens expected back within 26 weeks have no required
# conversations (003 rec. 2.8 [L1834-1896], law 1750 of 29 Dec 2025, pub).
SICK_2026 = replace(SICK_2024, no_required_if_return_within_weeks=26)
# Expected 2027: digital first follow-up for all (rec. 2.9), a new deadline instead of a stop
# for a late form (rec. 3.4), one conversation in the first half-year (rec. 2.1-2.3, 5.1),
# the a-kasse pays sick members 4 weeks (rec. 5.2).
SICK_2027 = replace(SICK_2026, digital_first_followup_for=frozenset({"all"}),
                    followups_first_half_year=1, akasse_pays_weeks=4,
                    late_form_gets_new_deadline=True)


def _jobcenter(count: int) -> tuple[ContactQuota, ...]:
    return (ContactQuota("jobcenter", count, 0, 26),)


def _build(rule_set: RuleSet, base: Rules, overrides: dict) -> dict[str, Rules]:
    return {group: replace(base, rule_set=rule_set, group=group, **overrides.get(group, {}))
            for group in GROUPS}


# ---------------------------------------------------------------- before 1 July 2026
SET_2024 = RuleSet("2024", date(2024, 1, 1), expected=False,
                   source="LAB as amended by law no. 295 of 20 March 2023; 003 [L35-161]")

BASE_2024 = Rules(
    rule_set=SET_2024, group="", track=None,
    first_conversation_days=14,           # SETTING for the groups the table gives no number
    first_conversation_kind=KIND_FIRST,
    first_conversation_held_by="jobcenter",
    contact=_jobcenter(4),                # 003 [L62-161]
    formats=COMMON_FORMATS,
    rights=RIGHTS_JOBSEEKER,
    # 003 rec. 3.2 [L3744-3777]: the joblog reminder is one the citizen can opt out of.
    # SETTING: the same before 2027 (our reminder); conversation and self-booking reminders
    # stay on (rec. 3.3 [L3782-3822]: a reminder before every conversation), in every set.
    reminder_opt_out=frozenset({"joblog"}),
    # SETTING: the caseworker's "joblogs at risk" list: the current period not met and its
    # deadline within 2 days. The base of all three rule sets, so the same in each.
    joblog_at_risk_days=2,
    # Groups the sources give no absence consequence for: "contact the jobcenter" (DOMAIN.md,
    # cancellations and absence); the groups below override it. Inherited by all three sets.
    absence_consequence="contact_jobcenter",
    # SETTING: a conversation may be moved to a published time up to 7 days after its date.
    reschedule_window_days=7,
    # 002 [L770-778], 003 [L811-815]: the first conversation (each group's first_conversation_kind,
    # always) and joint conversations with the a-kasse are summoned, never self-booked. The
    # a-kasse's CV conversation is the a-kasse's own. Inherited by all three sets.
    summoned_kinds=frozenset({KIND_FIRST, KIND_CV, KIND_JOINT}),
    self_bookable_kinds=(KIND_JOB,),       # pub (STAR): later job conversations are self-booked
    # pub (STAR): exempted from self-booking, and summoned instead: very poor IT skills,
    # significant language barriers, significant physical, cognitive or mental disability,
    # a meeting that needs an interpreter or a special place. Inherited by all three sets.
    self_booking_exemptions=("it_skills", "language", "disability", "interpreter", "special_place"),
    # 002 [L637-649]: the ministry's grounds for requiring attendance in person.
    in_person_grounds=("guidance_face_to_face", "planning_next_steps", "availability_doubt"),
    # DOMAIN.md "Reminders in the national service today" (pub, STAR): SMS and e-mail reminders
    # go out between 09:00 and 22:00. The base of all three rule sets, so the same in each.
    notify_send_hours=(9, 22),
)

OVERRIDES_2024 = {
    "dagpenge": dict(
        first_conversation_days=14, first_conversation_kind=KIND_CV,
        first_conversation_held_by="akasse",  # CV conversation with the a-kasse, 003 [L62-161]
        contact=(ContactQuota("akasse", 3, 0, 13), ContactQuota("jobcenter", 3, 13, 26)),
        self_booking=True, joblog=WEEKLY_JOBLOG, cv_within_days=14, availability=True,
        rights=RIGHTS_JOBSEEKER + ("job_training_6_weeks",),  # 003 [L404-480]
        # A no-show without a valid reason stops dagpenge until contact (003 [L2990-3057]).
        absence_consequence="benefit_stops_until_contact",
    ),
    "kontanthjaelp_jobparat": dict(
        first_conversation_days=7, self_booking=True, joblog=WEEKLY_JOBLOG,
        cv_within_days=21, availability=True,   # 003 [L2129]
        absence_consequence="deduction_per_day",  # one sanction rate a day until contact, 003 [L2990-3057]
    ),
    "kontanthjaelp_aktivitetsparat": dict(first_conversation_days=7, availability=True,
                                          absence_consequence="deduction_per_day"),  # 003 [L2990-3057]
    "uddannelseshjaelp": dict(
        first_conversation_days=7, first_offer_within_days=30,  # 003 [L410]
        joblog=WEEKLY_JOBLOG, availability=True,  # SETTING: job-ready default
        absence_consequence="deduction_per_day",  # paid like kontanthjælp, 003 [L2990-3057]
    ),
    "sygedagpenge": dict(
        first_conversation_days=8 * 7, first_conversation_kind=KIND_FOLLOWUP_FIRST,
        contact=_jobcenter(4), self_booking=True, offers=False, sick=SICK_2024,
        rights=RIGHTS_ALL + ("retention_plan", "digital_followup"),
        # Sick-listed citizens never get threatening sanction text (003 [L3340-3352]).
        absence_consequence="no_sanction_text",
        # The first follow-up is summoned; later follow-ups are self-booked (pub: STAR).
        summoned_kinds=frozenset({KIND_FIRST, KIND_CV, KIND_JOINT, KIND_FOLLOWUP_FIRST}),
        self_bookable_kinds=(KIND_FOLLOWUP,),
        # pub (STAR): for sick-listed citizens also a meeting at the workplace.
        self_booking_exemptions=("it_skills", "language", "disability", "interpreter", "special_place",
                                 "workplace"),
        # 002 [L637-649]: for sick-listed people, complex problems or doubt about incapacity for
        # work; availability (rådighed) is not assessed while sick-listed (SETTING).
        in_person_grounds=("guidance_face_to_face", "planning_next_steps", "sick_complex"),
    ),
    "ledighedsydelse": dict(joblog=WEEKLY_JOBLOG, availability=True),  # SETTING: 14 days
    "ressourceforloeb": dict(),                                          # SETTING: 14 days
    "jobafklaringsforloeb": dict(self_booking=True),                     # pub: STAR
    "revalidering": dict(),
    "integration": dict(formats=INTEGRATION_FORMATS,
                        rights=("conversation_on_request", "companion",
                                "basic_skills_test", "offers_guidance")),
}
RULES_2024 = _build(SET_2024, BASE_2024, OVERRIDES_2024)

# ---------------------------------------------------------------- from 1 July 2026 (in force)
SET_2026 = RuleSet("2026-07", date(2026, 7, 1), expected=False,
                   source="Law no. 1750 of 29 December 2025, first stage")
OVERRIDES_2026 = {
    **OVERRIDES_2024,
    # At least 2 a-kasse conversations in months 0-3 and 2 municipal ones up to month 6 (pub).
    "dagpenge": {**OVERRIDES_2024["dagpenge"],
                 "contact": (ContactQuota("akasse", 2, 0, 13), ContactQuota("jobcenter", 2, 13, 26))},
    "sygedagpenge": {**OVERRIDES_2024["sygedagpenge"], "sick": SICK_2026},
}
RULES_2026 = _build(SET_2026, replace(BASE_2024, rule_set=SET_2026), OVERRIDES_2026)

# ---------------------------------------------------------------- from 1 January 2027 (expected)
SET_2027 = RuleSet("2027-01", date(2027, 1, 1), expected=True,
                   source="Reform agreement of 9 April 2025, phase 2; expert group 003 rec. 2.1-2.3, 3.2, 5.1")
# The expert group's tracks: close to the labour market, further away, sick-listed.
CLOSE = dict(track="jobsoegning", first_conversation_days=14, cv_within_days=14,
             joblog=MONTHLY_JOBLOG, availability=True, self_booking=True)
FURTHER = dict(track="jobhjaelp", contact=_jobcenter(1), joblog=None, cv_within_days=None)
OVERRIDES_2027 = {
    "dagpenge": {**OVERRIDES_2024["dagpenge"], **CLOSE, "track": "dagpenge",
                 "contact": (ContactQuota("akasse", 2, 0, 13), ContactQuota("jobcenter", 2, 13, 26))},
    "kontanthjaelp_jobparat": {**OVERRIDES_2024["kontanthjaelp_jobparat"], **CLOSE},
    "ledighedsydelse": {**OVERRIDES_2024["ledighedsydelse"], **CLOSE},  # merged with job-ready (rec. 2.1)
    "uddannelseshjaelp": {**OVERRIDES_2024["uddannelseshjaelp"], **CLOSE, "self_booking": False},
    "kontanthjaelp_aktivitetsparat": {**OVERRIDES_2024["kontanthjaelp_aktivitetsparat"], **FURTHER},
    "ressourceforloeb": FURTHER,
    # Jobafklaringsforløb is abolished; anyone still registered is followed as further away.
    "jobafklaringsforloeb": {**FURTHER, "notes": "abolished"},
    "revalidering": FURTHER,
    "integration": {**OVERRIDES_2024["integration"], **FURTHER},
    "sygedagpenge": {**OVERRIDES_2024["sygedagpenge"], "track": "sygedagpenge",
                     "contact": _jobcenter(1), "sick": SICK_2027},
}
RULES_2027 = _build(SET_2027, replace(BASE_2024, rule_set=SET_2027), OVERRIDES_2027)

# Oldest first; the newest whose date has come applies.
RULE_SETS = (
    (SET_2024, RULES_2024),
    (SET_2026, RULES_2026),
    (SET_2027, RULES_2027),
)
