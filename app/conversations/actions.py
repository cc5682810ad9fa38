"""Conversations' candidates for 'What to do now' on Min Plan."""
from datetime import date, timedelta

from flask_babel import gettext as _

from .. import clock
from ..i18n import fmt_date, fmt_datetime
from ..plan.actions import DEADLINE, INFO, URGENT, NextAction, provider
from ..plan.texts import self_booking_consequence
from . import booking, queries


@provider
def conversation_actions(db, citizen, rules, now):
    upcoming = queries.upcoming_for_citizen(db, citizen["id"], clock.to_db(now), limit=1)
    if not upcoming:
        return []
    conv = upcoming[0]
    starts = clock.from_db(conv["starts_at"])
    if starts - now <= timedelta(days=2):
        return [NextAction("conversation_soon", _("You have a conversation %(when)s.", when=fmt_datetime(starts)),
                           URGENT, due=starts, link_endpoint="conversations.index",
                           link_text=_("See your conversations"), subject=f"conversation:{conv['id']}")]
    return [NextAction("conversation", _("Your next conversation is %(when)s.", when=fmt_datetime(starts)),
                       INFO, due=starts, link_endpoint="conversations.index", link_text=_("See your conversations"),
                       subject=f"conversation:{conv['id']}")]


@provider
def booking_actions(db, citizen, rules, now):
    """An open booking invitation: book a time before the deadline."""
    if not booking.may_self_book(citizen, rules):
        return []
    today = clock.local(now).date()
    actions = []
    for inv in queries.open_invitations(db, citizen["id"]):
        if booking.invitation_state(inv, today) != "open":
            continue
        deadline = date.fromisoformat(inv["deadline"])
        # Close to the deadline (the rules' reminder lead), say what missing it means (DOMAIN.md).
        closing = (deadline - today).days <= rules.self_booking_reminder_days
        actions.append(NextAction(
            "book_conversation", _("Book your conversation before %(deadline)s.", deadline=fmt_date(deadline, "day")),
            URGENT if closing else DEADLINE, due=clock.local_datetime(deadline, 23, 59),
            link_endpoint="conversations.index", link_text=_("Book a time"),
            consequence=(self_booking_consequence(rules.self_booking_consequence) or None) if closing else None))
    return actions
