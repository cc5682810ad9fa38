"""Min Plan: everything the citizen's plan page shows, gathered in one call."""
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import gettext as _
from flask_babel import ngettext

from .. import clock
from ..conversations import queries as conversation_queries
from ..i18n import fmt_date, fmt_datetime
from ..joblog import service as joblog_service
from ..rules import Rules, rules_for
from . import duties as duty_texts
from . import queries


@dataclass(frozen=True)
class NextAction:
    key: str
    text: str
    due: datetime | None = None
    link_endpoint: str | None = None
    link_text: str | None = None


@dataclass
class PlanView:
    citizen: dict
    rules: Rules
    plan: dict | None
    goals: list
    activities: list
    upcoming: list
    latest_held: dict | None
    joblog: object | None
    duties: list
    rights: list
    contact_summary: str
    next_action: NextAction
    first_followup_deadline: object | None = None
    flags: dict = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.goals or self.activities or self.upcoming or self.latest_held)


def build(db, citizen: dict, now: datetime | None = None) -> PlanView:
    now = now or clock.now()
    today = clock.local(now).date()
    rules = rules_for(citizen["target_group"], today)
    upcoming = conversation_queries.upcoming_for_citizen(db, citizen["id"], clock.to_db(now))
    joblog = joblog_service.status_for(db, citizen, today)
    first_followup_deadline = None
    if rules.sick is not None:
        since = datetime.fromisoformat(citizen["group_since"]).date()
        first_followup_deadline = since + timedelta(weeks=rules.sick.first_followup_weeks) - timedelta(days=1)
    return PlanView(
        citizen=citizen,
        rules=rules,
        plan=queries.plan_for(db, citizen["id"]),
        goals=queries.goals_for(db, citizen["id"]),
        activities=queries.activities_for(db, citizen["id"]),
        upcoming=upcoming,
        latest_held=conversation_queries.latest_held(db, citizen["id"]),
        joblog=joblog,
        duties=duty_texts.duties(rules, joblog_status=joblog),
        rights=duty_texts.rights(rules),
        contact_summary=duty_texts.contact_summary(rules),
        next_action=next_action(now, upcoming, joblog, rules),
        first_followup_deadline=first_followup_deadline,
    )


def next_action(now: datetime, upcoming: list, joblog, rules: Rules) -> NextAction:
    """The one most urgent thing: a conversation within two days, then missing job search,
    then the next conversation. Nothing urgent is said plainly too."""
    soon = [c for c in upcoming if clock.from_db(c["starts_at"]) - now <= timedelta(days=2)]
    if soon:
        conv = soon[0]
        return NextAction("conversation_soon", _("You have a conversation %(when)s.", when=fmt_datetime(conv["starts_at"])),
                          due=clock.from_db(conv["starts_at"]))
    if joblog is not None and joblog.remaining > 0:
        return NextAction("joblog", ngettext(
            "Register %(num)s more job application before %(deadline)s.",
            "Register %(num)s more job applications before %(deadline)s.",
            joblog.remaining, deadline=fmt_date(joblog.period.deadline, "day")))
    if upcoming:
        conv = upcoming[0]
        return NextAction("conversation", _("Your next conversation is %(when)s.", when=fmt_datetime(conv["starts_at"])),
                          due=clock.from_db(conv["starts_at"]))
    return NextAction("nothing", _("You have nothing you need to do right now."))
