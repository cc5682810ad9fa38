"""Conversations' candidates for 'What to do now' on Min Plan."""
from datetime import timedelta

from flask_babel import gettext as _

from .. import clock
from ..i18n import fmt_datetime
from ..plan.actions import INFO, URGENT, NextAction, provider
from . import queries


@provider
def conversation_actions(db, citizen, rules, now):
    upcoming = queries.upcoming_for_citizen(db, citizen["id"], clock.to_db(now), limit=1)
    if not upcoming:
        return []
    conv = upcoming[0]
    starts = clock.from_db(conv["starts_at"])
    if starts - now <= timedelta(days=2):
        return [NextAction("conversation_soon", _("You have a conversation %(when)s.", when=fmt_datetime(starts)),
                           URGENT, due=starts)]
    return [NextAction("conversation", _("Your next conversation is %(when)s.", when=fmt_datetime(starts)),
                       INFO, due=starts)]
