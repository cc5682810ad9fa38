"""The follow-up's candidates for 'What to do now' on Min Plan: the information form before its
deadline, and the short status questions before a follow-up conversation. Also the citizen's own
follow-up schedule for the duties on Min Plan (plan/duties.py)."""
from datetime import timedelta

from flask_babel import gettext as _

from .. import clock
from ..i18n import fmt_date, fmt_datetime
from ..plan.actions import DEADLINE, INFO, URGENT, NextAction, provider
from ..plan.duties import FollowupSchedule, followup_source
from . import overview

SOON = timedelta(days=2)  # "within about two days" on the shared priority scale (plan/actions.py)


@provider
def followup_actions(db, citizen, rules, now):
    if rules.sick is None:
        return []
    ov = overview.build(db, citizen, now)
    found = []
    if ov.form_state == "open":
        deadline = ov.deadline
        consequence = None
        if deadline.new_deadline:
            text = _("You have a new deadline for the information form: %(date)s.",
                     date=fmt_date(deadline.deadline, "day"))
        elif deadline.benefit_may_stop:
            # The law in force (not yet the expected new deadline): calm, with the date and whom to call.
            text = _("The deadline for the information form was %(date)s. Fill it in as soon as you can.",
                     date=fmt_date(deadline.original, "day"))
            consequence = _("Your sickness benefit may stop from that day until we receive the form.")
            phone = citizen.get("municipality_phone")
            consequence += " " + (_("If you need help, call %(jobcenter)s on %(phone)s.", jobcenter=citizen["jobcenter_name"],
                                    phone=phone) if phone else
                                  _("If you need help, contact %(jobcenter)s.", jobcenter=citizen["jobcenter_name"]))
        else:
            text = _("Fill in the information form by %(date)s.", date=fmt_date(deadline.deadline, "day"))
        found.append(NextAction("info_form", text, URGENT if deadline.benefit_may_stop else DEADLINE,
                                due=clock.local_datetime(deadline.deadline, 23, 59),
                                link_endpoint="followup.form_start", link_text=_("Fill in the form"),
                                consequence=consequence))
    conv = ov.next_followup
    if conv is not None and ov.not_required(conv):
        # The same answer as the follow-up page and Min Plan: not required, the caseworker decides.
        text = (_("You have told us you are back at work, so your follow-up conversation %(when)s is not required. "
                  "Your caseworker lets you know whether it is cancelled or kept.", when=fmt_datetime(clock.from_db(conv["starts_at"])))
                if ov.not_required(conv) == "returned" else
                _("Your answers in the information form mean that no follow-up conversation is required. "
                  "Your caseworker lets you know whether your conversation %(when)s is cancelled or kept.", when=fmt_datetime(clock.from_db(conv["starts_at"]))))
        found.append(NextAction("followup_not_required", text, INFO, due=clock.from_db(conv["starts_at"]),
                                link_endpoint="followup.index", link_text=_("See your follow-up"),
                                subject=f"conversation:{conv['id']}", overrides=True))
    elif conv is not None and conv["answers_id"] is None:
        starts = clock.from_db(conv["starts_at"])
        text = _("Answer a few short questions before your follow-up conversation %(when)s.",
                 when=fmt_datetime(starts))
        # Due a little before the start, so the caseworker can read the answers first.
        found.append(NextAction("followup_status", text, URGENT if starts - now <= SOON else INFO,
                                due=starts - timedelta(hours=1), link_endpoint="followup.index",
                                link_text=_("Answer the questions"),
                                # Says when the conversation is, so the conversation is not said twice.
                                subject=f"conversation:{conv['id']}", overrides=True))
    return found


@followup_source
def followup_schedule(db, citizen, rules, now):
    if rules.sick is None:
        return None
    sc = overview.build(db, citizen, now).schedule
    return FollowupSchedule(required=sc.required, count=sc.count, held=sc.held, next_deadline=sc.next_deadline,
                            reason=sc.reason, first_only=sc.first_only)
