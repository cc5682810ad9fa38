"""Plain-language texts the conversation pages show, keyed by codes from the rules and the
service, never by target group (DOMAIN.md: tone; say what happens, without threats)."""
from flask_babel import lazy_gettext as _l

CANCEL_REASONS = {
    "sickness": _l("I am ill"),
    "work": _l("I am working"),
    "job_interview": _l("I have a job interview"),
    "offer": _l("I am taking part in an offer or activity"),
    "other_summons": _l("I have been summoned to another meeting"),
    "other": _l("Another reason"),
    "jobcenter": _l("Cancelled by the jobcenter"),
}

# Shown beside the reason before the citizen confirms.
LAWFUL_REASON_TEXT = _l("A cancellation for this reason is lawful absence. Your benefit is not affected.")
OTHER_REASON_TEXT = _l("The jobcenter looks at your reason. If it is a valid reason, your absence is lawful.")

# rules.absence_consequence -> what not coming without cancelling means, in one or two lines.
ABSENCE_CONSEQUENCES = {
    "benefit_stops_until_contact": _l(
        "If you do not come and have not cancelled, your benefit stops from that day until you contact "
        "the jobcenter. Cancel before the conversation starts, and your absence is lawful."),
    "deduction_per_day": _l(
        "If you do not come and have not cancelled, an amount is deducted from your benefit for each day "
        "until you contact the jobcenter. Cancel before the conversation starts, and your absence is lawful."),
    "no_sanction_text": _l(
        "When you cancel, the jobcenter finds a new time with you."),
    "contact_jobcenter": _l(
        "If you cannot come, cancel before the conversation starts or contact the jobcenter. "
        "Then you agree on a new time."),
}

# rules.in_person_grounds -> the ground's text (002 [L637-649]).
IN_PERSON_GROUNDS = {
    "guidance_face_to_face": _l("Guidance is best given face to face"),
    "planning_next_steps": _l("Planning the next steps before a longer education or activation course"),
    "availability_doubt": _l("Doubt about availability for work"),
    "sick_complex": _l("Complex problems or doubt about incapacity for work (sick-listed)"),
}

# booking.move_blocker codes -> why the citizen cannot move the time online.
MOVE_BLOCKERS = {
    "not_booked": _l("This conversation is no longer booked."),
    "started": _l("The conversation has started or is about to start."),
    "akasse": _l("Your a-kasse holds this conversation. Contact your a-kasse to move it."),
    "no_self_booking": _l("The jobcenter books your conversations. Contact the jobcenter to move it."),
    "interpreter": _l("An interpreter is booked for this conversation. Contact the jobcenter to move it."),
    "first_summoned": _l("Your first conversation is fixed by the jobcenter. Contact the jobcenter if you cannot come."),
    "summoned": _l("The jobcenter has summoned you to this conversation. Contact the jobcenter if you cannot come."),
}

# rules.self_booking_exemptions -> why a citizen is summoned instead of booking (DOMAIN.md, self-booking).
EXEMPTION_REASONS = {
    "it_skills": _l("Very poor IT skills"),
    "language": _l("Significant language barriers"),
    "disability": _l("Significant physical, cognitive or mental disability"),
    "interpreter": _l("The meeting needs an interpreter"),
    "special_place": _l("The meeting needs a special place"),
    "workplace": _l("The meeting is held at the workplace"),
}

REQUEST_STATUS = {
    "pending": _l("Waiting for the jobcenter"),
    "approved": _l("Approved"),
    "refused": _l("Refused"),
    "withdrawn": _l("Withdrawn"),
}

INVITATION_STATUS = {
    "open": _l("Not booked yet"),
    "interpreter": _l("The jobcenter books the time"),
    "expired": _l("The deadline has passed"),
    "booked": _l("Booked"),
    "withdrawn": _l("Withdrawn"),
}


def absence_consequence(code: str) -> str:
    return str(ABSENCE_CONSEQUENCES.get(code, ABSENCE_CONSEQUENCES["contact_jobcenter"]))


def reason_text(reason: str | None) -> str:
    if reason is None:
        return ""
    return str(OTHER_REASON_TEXT if reason == "other" else LAWFUL_REASON_TEXT)
