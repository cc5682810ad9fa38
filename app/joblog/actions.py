"""Joblog's candidate for 'What to do now' on Min Plan."""
from flask_babel import ngettext

from .. import clock
from ..i18n import fmt_date
from ..plan.actions import DUTY, NextAction, provider
from . import service


@provider
def joblog_actions(db, citizen, rules, now):
    status = service.status_for(db, citizen, clock.local(now).date())
    if status is None or status.remaining == 0:
        return []
    return [NextAction("joblog", ngettext(
        "Register %(num)s more job application before %(deadline)s.",
        "Register %(num)s more job applications before %(deadline)s.",
        status.remaining, deadline=fmt_date(status.period.deadline, "day")), DUTY)]
