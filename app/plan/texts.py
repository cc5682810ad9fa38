"""Plain-language texts about what happens if a duty is not met, keyed by codes from the rules,
never by target group (DOMAIN.md: tone; tell the consequence before it bites, without threats)."""
from flask_babel import lazy_gettext as _l

# rules.joblog_consequence -> what not searching for jobs as agreed can mean (003 [L2895-2914]).
JOBLOG_CONSEQUENCES = {
    "availability_dagpenge": _l(
        "Your a-kasse looks at your job search. If it finds that you are not available for work, your dagpenge "
        "can stop until you have shown it again by working."),
    "reduction_kontanthjaelp": _l(
        "If you do not apply for jobs as agreed, the municipality can reduce your benefit."),
}

# rules.self_booking_consequence -> what missing a booking deadline means (DOMAIN.md, self-booking).
SELF_BOOKING_CONSEQUENCES = {
    "deregistered": _l(
        "If you have not booked by the deadline, you are taken off the register as unemployed, and you can "
        "lose dagpenge until you register again."),
    "deduction_until_booked": _l(
        "If you have not booked by the deadline, an amount is deducted from your benefit for each day until you book."),
}


def joblog_consequence(code: str | None) -> str:
    return str(JOBLOG_CONSEQUENCES[code]) if code in JOBLOG_CONSEQUENCES else ""


def self_booking_consequence(code: str | None) -> str:
    return str(SELF_BOOKING_CONSEQUENCES[code]) if code in SELF_BOOKING_CONSEQUENCES else ""
