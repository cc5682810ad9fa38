"""The three rule sets, as data. DOMAIN.md is the brief; each value names its source.

Common rules plus small per-group overrides (001 [L550-567]); periods in days and weeks,
not months (001 [L796]). A value marked SETTING is our choice where the sources are silent.
"""
from dataclasses import replace
from datetime import date, timedelta

from .model import (APPROVAL, CHOICE, FIXED, FORMATS, KIND_CV, KIND_FIRST, KIND_FOLLOWUP,
                    KIND_FOLLOWUP_FIRST, KIND_JOB, KIND_JOINT, ContactQuota, ExemptionRule, FormatPolicy,
                    JoblogRule, ReportRules, Rules, RuleSet, SickRules)

# Public sources checked for the values below (`pub` in DOMAIN.md); each value names its key.
SOURCES = {
    "law_1655": "Law no. 1655 of 30 December 2024 (new kontanthjælp system), in effect 1 July 2025: "
                "uddannelseshjælp ends, the help is paid as kontanthjælp. "
                "https://star.dk/implementering/nyt-kontanthjaelpsystem/aktiviteter-og-tidslinje/ ; "
                "https://lundsteenwiederquist.dk/index.php/2025/02/21/de-nye-regler-om-kontanthjaelp-og-de-indbyggede-tillaeg/",
    "law_1750": "Law no. 1750 of 29 December 2025 (L 66 2025/26), in force 1 February and 1 July 2026: "
                "'jobcenteret' becomes 'kommunen'; ressourceforløb and revalidering closed to new citizens "
                "from the law's entry into force; more flexible contact course and offers from 1 July 2026. "
                "https://www.lovguiden.dk/afgorelse/06-11-2025-forslag-til-lov-om-aendring-af-lov-om-en-aktiv-"
                "beskaeftigelsesindsats-lov-om-organisering-og-understoettelse-af-beskaeftigelsesindsatsen-m-v-og-"
                "forskellige-andre-love-reform-af-beskaeftigelsesindsatsen-mere-fleksible-kontaktforloeb-og-tilbud-"
                "afskaffelse-af-kravet-om-jobcentre-frihed-i-organisering-af-beskaeftigelsesindsatsen-afskaffelse-"
                "af-ressourceforloeb-og-revalidering-m-v ; https://star.dk/da/implementering/beskaeftigelsesreform/proces",
    "star_webinar_2026": "STAR, answers from the webinar of 21 January 2026 on law no. 1750: the municipality may "
                         "exempt up to 25 % of dagpenge and job- and education-ready kontanthjælp recipients from "
                         "offers in the first 6 months, and from job conversations. "
                         "https://star.dk/implementering/beskaeftigelsesreform/svar-paa-spoergsmaal-fra-webinar-den-21-januar-2026",
    "star_reform_qa": "STAR, questions and answers on the reform: one in four may be exempted from the required "
                      "conversations and offers; conversations with at least 75 % in the first 6 months. "
                      "https://star.dk/da/implementering/beskaeftigelsesreform/spoergsmaal-og-svar-om-reformen",
    "sdp_13b": "Sygedagpengeloven § 13 b: at least four follow-ups in the first half-year in cases expected to "
               "last more than 8 weeks (category 2), the first before the end of week 8. "
               "https://www.elov.dk/sygedagpengeloven/paragraf/13b/",
    "star_sdp_followup": "STAR, sygedagpengeopfølgning: the municipality itself sets the scope and content of the "
                         "follow-up in cases expected to last under 8 weeks. "
                         "https://star.dk/da/indsatser-og-ordninger/indsatser-ved-sygdom-nedslidning-mv/sygedagpengeopfoelgning/",
    "sdp_13f": "Sygedagpengeloven § 13 f (L 74 2024/25, from 1 January 2025): an employed citizen with a "
               "predictable course, expected fully back by the end of week 13 from the first follow-up, is only "
               "followed up on the return; no conversations beyond the first in short, uncomplicated cases. "
               "https://lundsteenwiederquist.dk/index.php/category/sygedagpenge/ ; "
               "https://www.lovguiden.dk/loven/lov-om-ændring-af-lov-om-sygedagpenge-lov-om-en-aktiv-beskæftigelsesindsats-"
               "og-lov-om-organisering-og-understøttelse-af-beskæftigelsesindsatsen-mv-fleksibel-brug-og-sammensætning-"
               "af-rehabiliteringsteams-forenkling-af-visitationskategorier-færre-krav-til-sygemeldte-fra-beskæftigelse-mv",
    "sdp_11": "Sygedagpengeloven § 11, stk. 3: the information form is answered within 8 days of being sent. "
              "https://www.elov.dk/sygedagpengeloven/11/",
    "six_weeks": "STAR: six weeks' job-oriented training for unskilled, skilled and those with a short higher "
                 "education and a vocational one, courses on the national positive list, granted by the a-kasse. "
                 "When it can start is left to the a-kasse in our text: older pages say after 5 weeks' "
                 "unemployment, a municipal page says from the first day; no current rule was confirmed. "
                 "https://star.dk/til-borgere/hjaelp-til-jobsoegning/positivlister-se-hvilke-kurser-og-uddannelser-du-kan-faa-adgang-til/",
    "dagpenge_absence": "A-kasse guidance: missing a conversation or activity with the municipality, the a-kasse or "
                        "another actor without lawful absence stops dagpenge until you contact those you were to "
                        "meet. https://www.danskmetal.dk/faa-svar/dagpenge/jeg-vil-soege-dagpenge/jeg-er-ledig/"
                        "hvilke-moeder-og-aktiviteter-skal-jeg-deltage-i/hvad-sker-der-hvis-jeg-udebliver-afslaar-eller-ophoerer",
    "report_sick": "Dagpenge: report sick on Jobnet on the first day of illness "
                   "(https://ma-kasse.dk/dagpenge/kort-om-dagpenge/samtaler-akasse-jobcenter/ikkeforsoegskommuner/); "
                   "kontanthjælp: reporting sick does not replace telling the municipality about a summoned "
                   "conversation (https://info.jobnet.dk/mit-jobcenter/hovedstaden-og-bornholm/frederiksberg/nyheder/sygemelding).",
    "sick_no_backdating": "A-kasse guidance: report sick on the first day of illness; a sick report cannot be made "
                          "back in time, and there is no benefit for days the jobcenter did not know of; report fit "
                          "again yourself when you are well. https://laka.dk/din-situation/ledig/syg/ ; "
                          "https://www.ase.dk/faa-svar/sygdom/syg-paa-dagpenge ; https://krifa.dk/dagpenge/sygdom",
    "sick_no_jobsearch": "A-kasse guidance: while ill you are not available, have no duty to apply for jobs and need "
                         "not attend meetings with the a-kasse or the jobcenter. https://krifa.dk/dagpenge/sygdom",
    "holiday_14_days": "A-kasse guidance: an unemployed dagpenge recipient reports holiday to the jobcenter (on Jobnet) "
                       "at least 14 days before it starts; a summons sent before the holiday was reported must be "
                       "attended; whether holiday dagpenge are paid is the a-kasse's decision, applied for there. "
                       "https://www.foa.dk/a-kasse/ledig/hvis-du-bliver-ledig/hvis-du-skal-holde-ferie ; "
                       "https://laka.dk/din-situation/ledig/ferie/ ; https://dsa.dk/dagpenge-og-efterlon/feriedagpenge/sadan-soger-du-om-feriedagpenge/",
    "holiday_kontanthjaelp": "Aktivloven § 13, stk. 11 (as quoted): after 12 months in a row on kontanthjælp a right to "
                             "5 weeks' holiday with the help; municipal guidance: absence needs the municipality's prior "
                             "agreement, else no help for those days. "
                             "http://www.law-shifters.eu/bekendtgorelse-af-lov-om-aktiv-socialpolitik-lbk-nr-269-af-21032017/ ; "
                             "https://www.kk.dk/indhold/frav%C3%A6r-0",
}

GROUPS = (
    "dagpenge",
    "kontanthjaelp_jobparat",
    "kontanthjaelp_aktivitetsparat",
    # Under 30 without a qualification, since 1 July 2025 (law_1655).
    "kontanthjaelp_uddannelsesparat",
    "kontanthjaelp_aabenlyst_uddannelsesparat",
    # The former benefit (abolished 1 July 2025, law_1655): kept so old records still render.
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

# What a jobseeker may report on Min Plan (app/reports/). Sick from today (sick_no_backdating;
# SETTING: up to 30 days ahead, for a planned operation, say); fit again from the day after the
# first day of illness. Holiday: agreed with the municipality first (holiday_kontanthjaelp);
# SETTING for the groups the sources name no rule for. SETTING: the first day of a holiday at
# most 365 days ahead, one report at most 42 days (longer: talk to the municipality). SETTING: a
# joblog period wholly inside a sick or holiday period requires nothing (sick_no_jobsearch; a
# holiday reported or agreed means the citizen need not be available then).
# Not confirmed: ledighedsydelse has its own notice of holiday (bekendtgørelse nr. 111 af 29.01.2021
# "om ... afholdelse af og varsling af ferie med ledighedsydelse", named in themis.dk's list of the
# aktivlov's orders); its notice period was not found, so it agrees a holiday first here (SETTING).
REPORTS_AGREE = ReportRules(sick=True, sick_back_days=0, sick_ahead_days=30, sick_meaning="municipality_decides",
                            holiday="agree", holiday_notice_days=0, holiday_ahead_days=365, holiday_max_days=42,
                            holiday_meaning="agree_first", joblog_paused_by=frozenset({"sick", "holiday"}))
# holiday_14_days: dagpenge recipients report it at least 14 days before; sick on the first day,
# the a-kasse decides on dagpenge during illness (sick_no_backdating).
REPORTS_DAGPENGE = replace(REPORTS_AGREE, sick_meaning="akasse_decides", holiday="notice",
                           holiday_notice_days=14, holiday_meaning="notice_akasse")

SICK_2024 = SickRules(
    info_form_days=8,                       # sdp_11: answer within 8 days of sending; 003 [L3031-3057]
    first_followup_weeks=8,                 # 003 [L113]; sdp_13b
    followups_first_half_year=4,            # sdp_13b: at least four in the first half-year
    digital_first_followup_for=frozenset({"employed"}),  # 003 [L1902-1928]
    no_required_if_return_within_weeks=None,
    benefit_limit_weeks=22,                 # pub: 22 weeks within 9 months, then reassessment
    benefit_limit_window_months=9,
    akasse_pays_weeks=2,                    # 003 [L7875-7907]
    # The law today: without a reasonable reason, a form not sent back in time stops sickness
    # benefit from the deadline until the form arrives (003 [L3031-3057], "så længe"-sanktion).
    # The new deadline instead is the expert group's rec. 3.4, expected in 2027 only.
    late_form_gets_new_deadline=False,
    employer_period_days=30,                # pub: the employer pays the first 30 days; they do not count
    employer_period_for=frozenset({"employed"}),  # pub: only someone sick-listed from a job has an employer period
    limit_warning_weeks=4,                  # SETTING: near the limit in the caseworker's follow-up queue
    followup_period_weeks=26,               # pub: § 13 b "the first 6 months", in weeks (001 [L796])
    followup_spacing="even",                # SETTING: the sources give only the count; spread evenly
    akasse_pays_for=frozenset({"unemployed"}),  # 003 [L7875-7907]: the a-kasse pays its unemployed sick members
    # sdp_13b, star_sdp_followup: the count applies to cases expected to last more than 8 weeks;
    # in shorter ones the municipality decides how it follows up.
    fixed_count_if_expected_over_weeks=8,
    # sdp_13f (L 74 2024/25, from 1 January 2025, so in the later part of this set): employed,
    # predictable course, expected fully back within 13 weeks of the first follow-up: only that one.
    first_only_if_back_within_weeks=13,
    first_only_for=frozenset({"employed"}),
)
# From 1 July 2026 (law_1750, 003 rec. 2.8 [L1834-1896]): an employed citizen whom both they and
# the employer expect back within 26 weeks has no required conversations. Both must expect it:
# if either does not, the follow-up applies (app/followup/standing.py).
SICK_2026 = replace(SICK_2024, no_required_if_return_within_weeks=26)
# Expected 2027: digital first follow-up for all (rec. 2.9), a new deadline instead of a stop
# for a late form (rec. 3.4), one conversation in the first half-year (rec. 2.1-2.3, 5.1),
# the a-kasse pays sick members 4 weeks (rec. 5.2).
SICK_2027 = replace(SICK_2026, digital_first_followup_for=frozenset({"all"}),
                    followups_first_half_year=1, akasse_pays_weeks=4,
                    late_form_gets_new_deadline=True)

# law_1750, star_webinar_2026, star_reform_qa: from 1 July 2026 the municipality may exempt up to
# one in four from the required conversations and offers of the first 6 months (26 weeks).
EXEMPT_CONVERSATIONS_AND_OFFERS = ExemptionRule(("conversations", "offers"), 26, 0.25, "law_1750, star_webinar_2026")
EXEMPT_CONVERSATIONS = ExemptionRule(("conversations",), 26, 0.25, "law_1750, star_reform_qa")
EXEMPT_OFFERS = ExemptionRule(("offers",), 26, 0.25, "law_1750, star_webinar_2026")

# law_1750 closes ressourceforløb and revalidering to new citizens "from the law's entry into
# force" (Lovguiden's summary of L 66); STAR gives the law's entry into force as 1 February 2026,
# with the contact-course parts from 1 July 2026. So 1 February 2026: inferred from those two, not
# read in the law's own commencement clause, which was not found. Change it here if that differs.
CLOSED_BY_LAW_1750 = date(2026, 2, 1)
# law_1655: uddannelseshjælp ended on 1 July 2025; nobody new can get it.
CLOSED_BY_LAW_1655 = date(2025, 7, 1)


def _jobcenter(count: int) -> tuple[ContactQuota, ...]:
    return (ContactQuota("jobcenter", count, 0, 26),)


def _build(rule_set: RuleSet, base: Rules, overrides: dict) -> dict[str, Rules]:
    return {group: replace(base, rule_set=rule_set, group=group, **overrides.get(group, {}))
            for group in GROUPS}


# ---------------------------------------------------------------- before 1 July 2026
SET_2024 = RuleSet("2024", date(2024, 1, 1), expected=False,
                   source="LAB as amended by law no. 295 of 20 March 2023; 003 [L35-161]; from 1 July 2025 law no. 1655")

BASE_2024 = Rules(
    rule_set=SET_2024, group="", track=None,
    first_conversation_days=14,           # SETTING for the groups the table gives no number
    first_conversation_kind=KIND_FIRST,
    first_conversation_held_by="jobcenter",
    contact=_jobcenter(4),                # 003 [L62-161]
    formats=COMMON_FORMATS,
    rights=RIGHTS_JOBSEEKER,
    reports=REPORTS_AGREE,                # holiday_kontanthjaelp, sick_no_backdating; SETTING where marked
    # 003 rec. 3.2 [L3744-3777]: the joblog reminder is one the citizen can opt out of.
    # SETTING: the same before 2027 (our reminder); conversation and self-booking reminders
    # stay on (rec. 3.3 [L3782-3822]: a reminder before every conversation), in every set.
    reminder_opt_out=frozenset({"joblog"}),
    # SETTING: the caseworker's "joblogs at risk" list: the current period not met and its
    # deadline within 2 days. The base of all three rule sets, so the same in each.
    joblog_at_risk_days=2,
    # Groups the sources give no absence consequence for: "contact the municipality" (DOMAIN.md,
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

# Under 30 without a qualification on kontanthjælp (law_1655, from 1 July 2025: this set's last
# year). Before the reform the same citizens had uddannelseshjælp with the same contact rules.
YOUNG_2024 = dict(
    first_conversation_days=7,               # 003 [L410]
    # law_1750 (L 66, section 2.2.1.2 "gældende ret"): a continuous right and duty to offers for
    # education- and activity-ready under-30s; the first within a month (003 [L410]).
    first_offer_within_days=30,
    joblog=WEEKLY_JOBLOG, availability=True,  # SETTING: job-ready default
    absence_consequence="deduction_per_day",  # kontanthjælp, 003 [L2990-3057]
    joblog_consequence="reduction_kontanthjaelp",  # kontanthjælp, 003 [L2899-2904]
    sick_report="municipality",               # report_sick
)

OVERRIDES_2024 = {
    "dagpenge": dict(
        first_conversation_days=14, first_conversation_kind=KIND_CV,
        first_conversation_held_by="akasse",  # CV conversation with the a-kasse, 003 [L62-161]
        contact=(ContactQuota("akasse", 3, 0, 13), ContactQuota("jobcenter", 3, 13, 26)),
        self_booking=True, joblog=WEEKLY_JOBLOG, cv_within_days=14, availability=True,
        rights=RIGHTS_JOBSEEKER + ("job_training_6_weeks",),  # six_weeks; 003 [L404-480]
        reports=REPORTS_DAGPENGE,             # holiday_14_days, sick_no_backdating
        # A no-show without a valid reason stops dagpenge until the citizen contacts whoever
        # summoned them, the municipality or the a-kasse (003 [L2990-3057], dagpenge_absence).
        absence_consequence="benefit_stops_until_contact",
        sick_report="jobnet_first_day",       # report_sick
        # 003 [L2905-2914]: without availability (e.g. missing job search) no dagpenge until it is
        # shown again by work; DOMAIN.md self-booking (pub, STAR; ma-kasse in report_sick): a missed
        # booking deadline de-registers the citizen.
        joblog_consequence="availability_dagpenge",
        self_booking_consequence="deregistered",
    ),
    "kontanthjaelp_jobparat": dict(
        first_conversation_days=7, self_booking=True, joblog=WEEKLY_JOBLOG,
        cv_within_days=21, availability=True,   # 003 [L2129]
        absence_consequence="deduction_per_day",  # one sanction rate a day until contact, 003 [L2990-3057]
        sick_report="municipality",               # report_sick
        joblog_consequence="reduction_kontanthjaelp",    # 003 [L2899-2904]: three sanction rates
        self_booking_consequence="deduction_until_booked",  # DOMAIN.md self-booking (pub, STAR)
    ),
    "kontanthjaelp_aktivitetsparat": dict(first_conversation_days=7, availability=True,
                                          absence_consequence="deduction_per_day",  # 003 [L2990-3057]
                                          sick_report="municipality"),              # report_sick
    "kontanthjaelp_uddannelsesparat": dict(YOUNG_2024),
    "kontanthjaelp_aabenlyst_uddannelsesparat": dict(YOUNG_2024),
    # The former benefit: the same rules as its successor, closed to new citizens from 1 July 2025.
    "uddannelseshjaelp": dict(YOUNG_2024, closed_to_new_from=CLOSED_BY_LAW_1655),
    "sygedagpenge": dict(
        first_conversation_days=8 * 7, first_conversation_kind=KIND_FOLLOWUP_FIRST,
        contact=_jobcenter(4), self_booking=True, offers=False, sick=SICK_2024,
        reports=None,  # already sick-listed: their follow-up (app/followup) is where they report
        rights=RIGHTS_ALL + ("retention_plan", "digital_followup"),
        # Sick-listed citizens get no sanction text before the first follow-up (003 rec. 3.5
        # [L3864-3876], [L3340-3352]). After it, plain guidance: without a reasonable reason,
        # not taking part in the follow-up stops sickness benefit for as long as it lasts
        # (003 [L3031-3037]).
        absence_consequence="no_sanction_text",
        absence_consequence_after_first_followup="sick_benefit_while_not_taking_part",
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
    "ledighedsydelse": dict(joblog=WEEKLY_JOBLOG, availability=True,  # SETTING: 14 days
                            sick_report="municipality"),               # report_sick
    "ressourceforloeb": dict(closed_to_new_from=CLOSED_BY_LAW_1750),   # SETTING: 14 days
    "jobafklaringsforloeb": dict(self_booking=True),                     # pub: STAR
    "revalidering": dict(closed_to_new_from=CLOSED_BY_LAW_1750),
    "integration": dict(formats=INTEGRATION_FORMATS,
                        rights=("conversation_on_request", "companion",
                                "basic_skills_test", "offers_guidance")),
}
RULES_2024 = _build(SET_2024, BASE_2024, OVERRIDES_2024)

# ---------------------------------------------------------------- from 1 July 2026 (in force)
SET_2026 = RuleSet("2026-07", date(2026, 7, 1), expected=False,
                   source="Law no. 1750 of 29 December 2025, first stage")
# law_1750 replaced the continuous right and duty to offers with an offer within the first 6
# months for at least 75 %; the municipality may exempt up to one in four (star_webinar_2026).
YOUNG_2026 = dict(YOUNG_2024, first_offer_within_days=None, offer_in_first_half_year=True,
                  exemption=EXEMPT_OFFERS)
OVERRIDES_2026 = {
    **OVERRIDES_2024,
    # At least 2 a-kasse conversations in months 0-3 and 2 municipal ones up to month 6 (law_1750,
    # star_reform_qa), an offer in the first 6 months; up to one in four exempted from both.
    "dagpenge": {**OVERRIDES_2024["dagpenge"],
                 "contact": (ContactQuota("akasse", 2, 0, 13), ContactQuota("jobcenter", 2, 13, 26)),
                 "offer_in_first_half_year": True, "exemption": EXEMPT_CONVERSATIONS_AND_OFFERS},
    # star_reform_qa: job-ready kontanthjælp still at least four job conversations in 6 months.
    "kontanthjaelp_jobparat": {**OVERRIDES_2024["kontanthjaelp_jobparat"],
                               "offer_in_first_half_year": True, "exemption": EXEMPT_CONVERSATIONS_AND_OFFERS},
    "kontanthjaelp_uddannelsesparat": dict(YOUNG_2026),
    "kontanthjaelp_aabenlyst_uddannelsesparat": dict(YOUNG_2026),
    "uddannelseshjaelp": dict(YOUNG_2026, closed_to_new_from=CLOSED_BY_LAW_1655),
    # star_reform_qa: ledighedsydelse is among the groups of the 75 % conversation target.
    "ledighedsydelse": {**OVERRIDES_2024["ledighedsydelse"], "exemption": EXEMPT_CONVERSATIONS},
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
# The expected set builds on the law in force from 1 July 2026 (law_1750 stays).
YOUNG_2027 = {**YOUNG_2026, **CLOSE, "self_booking": False}
OVERRIDES_2027 = {
    "dagpenge": {**OVERRIDES_2026["dagpenge"], **CLOSE, "track": "dagpenge",
                 "contact": (ContactQuota("akasse", 2, 0, 13), ContactQuota("jobcenter", 2, 13, 26))},
    "kontanthjaelp_jobparat": {**OVERRIDES_2026["kontanthjaelp_jobparat"], **CLOSE},
    "ledighedsydelse": {**OVERRIDES_2026["ledighedsydelse"], **CLOSE},  # merged with job-ready (rec. 2.1)
    "kontanthjaelp_uddannelsesparat": dict(YOUNG_2027),
    "kontanthjaelp_aabenlyst_uddannelsesparat": dict(YOUNG_2027),
    "uddannelseshjaelp": dict(YOUNG_2027, closed_to_new_from=CLOSED_BY_LAW_1655),
    "kontanthjaelp_aktivitetsparat": {**OVERRIDES_2026["kontanthjaelp_aktivitetsparat"], **FURTHER},
    "ressourceforloeb": {**OVERRIDES_2026["ressourceforloeb"], **FURTHER},
    # Jobafklaringsforløb is expected to be abolished; anyone still in it is followed as further
    # away, and nobody new is placed there.
    "jobafklaringsforloeb": {**FURTHER, "notes": "abolished", "closed_to_new_from": date(2027, 1, 1)},
    "revalidering": {**OVERRIDES_2026["revalidering"], **FURTHER},
    "integration": {**OVERRIDES_2026["integration"], **FURTHER},
    "sygedagpenge": {**OVERRIDES_2026["sygedagpenge"], "track": "sygedagpenge",
                     "contact": _jobcenter(1), "sick": SICK_2027},
}
RULES_2027 = _build(SET_2027, replace(BASE_2024, rule_set=SET_2027), OVERRIDES_2027)

# Oldest first; the newest whose date has come applies.
RULE_SETS = (
    (SET_2024, RULES_2024),
    (SET_2026, RULES_2026),
    (SET_2027, RULES_2027),
)
