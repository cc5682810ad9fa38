"""Joblog's candidate for 'What to do now' on Min Plan: the open period with the nearest
deadline that still lacks entries (last week's stays open until its deadline has passed)."""
from flask_babel import gettext as _
from flask_babel import ngettext

from .. import clock
from ..i18n import fmt_date
from ..plan.actions import DUTY, NextAction, provider
from ..plan.texts import joblog_consequence
from . import service


@provider
def joblog_actions(db, citizen, rules, now):
    today = clock.local(now).date()
    unmet = [s for s in service.open_periods(db, citizen, today) if s.state == "open" and not s.met]
    if not unmet:
        return []
    status = unmet[0]  # oldest open period first: its deadline comes first
    # Close to the deadline, say what not meeting it can mean, before it bites (DOMAIN.md, tone).
    closing = (status.period.deadline - today).days <= rules.joblog_at_risk_days
    return [NextAction("joblog", ngettext(
        "Register %(num)s more job application before %(deadline)s.",
        "Register %(num)s more job applications before %(deadline)s.",
        status.remaining, deadline=fmt_date(status.period.deadline, "day")), DUTY,
        due=service.deadline_end(status.period), link_endpoint="joblog.add",
        link_text=_("Register job search"),
        consequence=(joblog_consequence(rules.joblog_consequence) or None) if closing else None)]
