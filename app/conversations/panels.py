"""Conversations on the caseworker's pages, through the seams in app/caseworker/panels.py:
"I dag" gets what needs action; the citizen's case page gets their conversations with actions."""
from datetime import timedelta

from .. import clock
from ..workdays import next_working_day
from ..caseworker.panels import Panel, case_section, today_panel
from . import booking, slots
from . import queries_caseworker as cq
from .cancellation import can_cancel
from .forms_caseworker import ExemptionForm, exemption_choices
from .service import rules_on

# SETTING: cancellations registered in the last week are shown on "I dag".
CANCELLATIONS_SHOWN_DAYS = 7


@today_panel
def format_requests(db, caseworker):
    count = cq.pending_count(db, caseworker.municipality_id)
    if not count:
        return None
    return Panel("conversations/panels/requests.html", order=10, context={"count": count})


@today_panel
def cancellations(db, caseworker):
    since = clock.now() - timedelta(days=CANCELLATIONS_SHOWN_DAYS)
    rows = cq.cancellations_since(db, caseworker.municipality_id, clock.to_db(since))
    if not rows:
        return None
    return Panel("conversations/panels/cancellations.html", order=20,
                 context={"cancellations": rows, "days": CANCELLATIONS_SHOWN_DAYS})


@today_panel
def today_and_tomorrow(db, caseworker):
    # The next working day, not the calendar's tomorrow: on a Friday or before a holiday the
    # caseworker prepares for the day they are back, not an empty Saturday.
    today = clock.today()
    following = next_working_day(today + timedelta(days=1))
    days = []
    for day, label in ((today, "today"), (following, "tomorrow" if following == today + timedelta(days=1) else "next")):
        start, end = booking.day_bounds(day, day)
        days.append((day, label, cq.booked_between(db, caseworker.municipality_id, start, end)))
    return Panel("conversations/panels/today.html", order=30, context={"days": days})


@today_panel
def interpreters(db, caseworker):
    conversations = cq.interpreter_conversations(db, caseworker.municipality_id, clock.to_db(clock.now()))
    invitations = cq.interpreter_invitations(db, caseworker.municipality_id)
    if not conversations and not invitations:
        return None
    return Panel("conversations/panels/interpreters.html", order=40,
                 context={"conversations": conversations, "invitations": invitations})


@today_panel
def ratings(db, caseworker):
    summary = slots.ratings(db, caseworker.municipality_id, clock.today())
    return Panel("conversations/panels/ratings.html", order=90, context={"ratings": summary})


@case_section(tab="samtaler")
def conversations(db, citizen, caseworker):
    now = clock.now()
    rows = cq.conversations_for_case(db, citizen["id"], caseworker.municipality_id)
    items = []
    for conv in rows:
        started = clock.from_db(conv["starts_at"]) <= now
        items.append({
            "conv": conv,
            "upcoming": conv["status"] == "booked" and not started,
            "can_close": conv["status"] == "booked" and started,
            "can_require": conv["status"] == "booked" and not started and not conv["in_person_ground"],
            "can_cancel": conv["status"] == "booked" and can_cancel(citizen, conv, now),
        })
    rules = rules_on(citizen, now)
    invitations = cq.invitations_for_case(db, citizen["id"], caseworker.municipality_id)
    return Panel("conversations/panels/case.html", order=20, tab="samtaler", context={
        "citizen": citizen, "rows": items, "invitations": invitations[:3],
        "today": clock.today(),
        "may_self_book": booking.may_self_book(citizen, rules),
        "exemption_form": _exemption_form(citizen, rules),
    })


def _exemption_form(citizen: dict, rules):
    """Where the group self-books (or an exemption is set), the caseworker can exempt or clear."""
    if not rules.self_booking and not citizen.get("self_booking_exempt_reason"):
        return None
    form = ExemptionForm(formdata=None)
    form.exempt_reason.choices = exemption_choices(rules)
    form.exempt_reason.data = citizen.get("self_booking_exempt_reason") or ""
    return form
