"""Names users read for the app's codes (target groups, formats, statuses). Display only:
what a code *means* for the citizen's duties lives in rules/."""
from flask_babel import lazy_gettext as _l

TARGET_GROUPS = {
    "dagpenge": _l("Unemployment benefit (dagpenge)"),
    "kontanthjaelp_jobparat": _l("Social assistance, job-ready (kontanthjælp)"),
    "kontanthjaelp_aktivitetsparat": _l("Social assistance, activity-ready (kontanthjælp)"),
    "kontanthjaelp_uddannelsesparat": _l("Social assistance, education-ready (kontanthjælp, uddannelsesparat)"),
    "kontanthjaelp_aabenlyst_uddannelsesparat": _l(
        "Social assistance, clearly education-ready (kontanthjælp, åbenlyst uddannelsesparat)"),
    # Abolished on 1 July 2025 (law no. 1655 of 2024): old records still show it, as the former benefit.
    "uddannelseshjaelp": _l("Former education assistance (uddannelseshjælp, until 30 June 2025)"),
    "sygedagpenge": _l("Sickness benefit (sygedagpenge)"),
    "ledighedsydelse": _l("Flex-job waiting benefit (ledighedsydelse)"),
    "ressourceforloeb": _l("Resource course (ressourceforløb)"),
    "jobafklaringsforloeb": _l("Job clarification course (jobafklaringsforløb)"),
    "revalidering": _l("Rehabilitation (revalidering)"),
    "integration": _l("Integration programme (introduktionsprogram)"),
}

FORMATS = {
    "in_person": _l("In person"),
    "phone": _l("Phone"),
    "video": _l("Video"),
}

FORMAT_ICONS = {"in_person": "person", "phone": "smartphone", "video": "videocam"}

CONVERSATION_STATUS = {
    "booked": _l("Booked"),
    "held": _l("Held"),
    "cancelled_citizen": _l("You told us you could not come"),
    "cancelled_jobcenter": _l("Cancelled by the municipality"),
    "missed": _l("Missed"),
}
# The same, as the caseworker's pages say it: about the citizen, in the third person.
CONVERSATION_STATUS_CASEWORKER = {**CONVERSATION_STATUS, "cancelled_citizen": _l("Cancelled by the citizen")}

CONVERSATION_KINDS = {
    "first": _l("First conversation"),
    "cv": _l("CV conversation"),
    "job": _l("Job conversation"),
    "joint": _l("Joint conversation with your a-kasse"),
    "followup_first": _l("First follow-up conversation"),
    "followup": _l("Follow-up conversation"),
}

HELD_BY = {"jobcenter": _l("The municipality"), "akasse": _l("Your a-kasse")}
HELD_BY_CASEWORKER = {"jobcenter": _l("The municipality"), "akasse": _l("The citizen's a-kasse")}

ACTIVITY_KINDS = {
    "virksomhedspraktik": _l("Work placement (virksomhedspraktik)"),
    "loentilskud": _l("Wage subsidy job (løntilskud)"),
    "nytteindsats": _l("Community work (nytteindsats)"),
    "vejledning": _l("Guidance and upskilling"),
    "kursus": _l("Course"),
    "mentor": _l("Mentor"),
    "behandling": _l("Treatment"),
    # The caseworker's catalogue (app/plan/catalogue.py) adds these.
    "loentilskud_privat": _l("Wage subsidy job, private employer (løntilskud)"),
    "loentilskud_offentlig": _l("Wage subsidy job, public employer (løntilskud)"),
    "hjaelpemidler": _l("Aids (hjælpemidler)"),
    "transport": _l("Transport allowance"),
    "andet": _l("Other"),
}

GOAL_KINDS = {"job": _l("Job goal"), "education": _l("Education goal")}

ACTIVITY_STATUS = {
    "planned": _l("Planned"),
    "active": _l("Ongoing"),
    "completed": _l("Completed"),
    "cancelled": _l("Cancelled"),
}

# DKFDS tag variants per status
ACTIVITY_STATUS_TAG = {"planned": "tag-info", "active": "tag-success", "completed": "tag-default",
                       "cancelled": "tag-warning"}

EMPLOYMENT_STATUS = {
    "employed": _l("Sick-listed from a job"),
    "unemployed": _l("Sick-listed while unemployed"),
    "self_employed": _l("Self-employed"),
}


def label(mapping: dict, code: str | None) -> str:
    if code is None:
        return ""
    return str(mapping.get(code, code))

# Exemption from the contact course (app/plan/exemptions.py): what it covers and why.
CONTACT_EXEMPTION_COVERS = {
    "conversations": _l("Required conversations with the municipality"),
    "offers": _l("Offers (for example a course or a work placement)"),
}

CONTACT_EXEMPTION_REASONS = {
    "own_job_search": _l("Can find a job without the municipality's help"),
    "job_or_education_soon": _l("Has a job or an education that starts soon"),
    "other": _l("Another reason"),
}
