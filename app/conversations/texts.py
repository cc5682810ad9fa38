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
    "jobcenter": _l("Cancelled by the municipality"),
}

# Shown beside the reason before the citizen confirms. What makes absence lawful is the
# reason, not the timing of the cancellation (DOMAIN.md, cancellations and absence): so these
# texts never promise that cancelling in time by itself keeps the benefit.
LAWFUL_REASON_TEXT = _l("This is a valid reason, so your absence is lawful. The municipality may ask you to document it.")
OTHER_REASON_TEXT = _l("The municipality looks at your reason. If it is a valid reason, your absence is lawful.")

# rules.absence_consequence -> what staying away without a valid reason means, in one or two
# lines, without threats (003 [L2962-2984], [L2990-3057]).
ABSENCE_CONSEQUENCES = {
    # Dagpenge: the a-kasse holds some conversations, so "whoever summoned you" (dagpenge_absence).
    "benefit_stops_until_contact": _l(
        "If you stay away without a valid reason, your dagpenge stop from that day until you contact whoever "
        "summoned you: the municipality or your a-kasse."),
    "deduction_per_day": _l(
        "If you stay away without a valid reason, an amount is deducted from your benefit for each day "
        "until you contact the municipality."),
    # Sick-listed citizens, before the first follow-up: no sanction text (003 rec. 3.5).
    "no_sanction_text": _l(
        "If you cannot come, tell us here and tell us why. Then the municipality finds a new time with you."),
    # Sick-listed citizens once the first follow-up is held (003 [L3031-3037]).
    "sick_benefit_while_not_taking_part": _l(
        "Taking part in the follow-up is a condition for sickness benefit. If you do not take part without a "
        "reasonable reason, your sickness benefit can stop for as long as you do not take part. If something "
        "makes it hard for you to take part, tell us, and we will find a way together."),
    "contact_jobcenter": _l(
        "If you cannot come, tell us here and tell us why, or contact the municipality. Then you agree on a new time."),
}

# rules.sick_report -> what else a citizen who cancels because of illness must do (report_sick).
SICK_REPORTS = {
    "jobnet_first_day": _l(
        "Remember to report sick on Jobnet from your first day of illness, and to report when you are well "
        "again. Telling us here that you cannot come does not do that for you."),
    "municipality": _l(
        "Remember also to report sick the way the municipality has told you, for example on Jobnet. "
        "Telling us here that you cannot come does not do that for you."),
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
    "no_self_booking": _l("The municipality books your conversations. Contact the municipality to move it."),
    "interpreter": _l("An interpreter is booked for this conversation. Contact the municipality to move it."),
    "first_summoned": _l("Your first conversation is fixed by the municipality. Contact the municipality if you cannot come."),
    "summoned": _l("The municipality has summoned you to this conversation. Contact the municipality if you cannot come."),
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
    "pending": _l("Waiting for the municipality"),
    "approved": _l("Approved"),
    "refused": _l("Refused"),
    "withdrawn": _l("Withdrawn"),
}

INVITATION_STATUS = {
    "open": _l("Not booked yet"),
    "interpreter": _l("The municipality books the time"),
    "expired": _l("The deadline has passed"),
    "booked": _l("Booked"),
    "withdrawn": _l("Withdrawn"),
}


# Codes whose text says only "cancel, and you agree on a new time": no consequence to add where
# the duty already says how to cancel (app/plan/duties.py).
ONLY_HOW_TO_CANCEL = frozenset({"no_sanction_text", "contact_jobcenter"})


def absence_consequence(code: str) -> str:
    return str(ABSENCE_CONSEQUENCES.get(code, ABSENCE_CONSEQUENCES["contact_jobcenter"]))


def reason_text(reason: str | None) -> str:
    if reason is None:
        return ""
    return str(OTHER_REASON_TEXT if reason == "other" else LAWFUL_REASON_TEXT)


def sick_report_text(reason: str | None, code: str | None) -> str:
    """After a cancellation for illness: where the benefit requires it, remind the citizen to
    report sick too (the rules' sick_report code); empty otherwise."""
    if reason != "sickness" or code not in SICK_REPORTS:
        return ""
    return str(SICK_REPORTS[code])
