"""Min Plan: everything the citizen's plan page shows, gathered in one call."""
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .. import clock
from ..conversations import queries as conversation_queries
from ..joblog import service as joblog_service
from ..changes import service as change_service
from ..reports import service as report_service
from ..rules import Rules, describe, rules_for
from . import actions
from . import duties as duty_texts
from . import exemptions, queries, sections as plan_sections


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
    next_actions: list
    first_followup_deadline: object | None = None
    exemption: exemptions.Exemption | None = None   # from the contact course's conversations/offers
    flags: dict = field(default_factory=dict)
    reports: list = field(default_factory=list)      # the citizen's own sick/holiday reports now (app/reports)
    changes: object | None = None                    # the coming (or just made) change of rules (app/changes)
    group_change: object | None = None               # the caseworker's recent change of target group (app/changes)
    sources: dict = field(default_factory=dict)      # item key -> (rule label, Source): each duty's "Læs mere"
    viewer: str = "citizen"                          # who looks: 'citizen' (their own plan) or 'caseworker'
    sections: dict = field(default_factory=dict)     # each area's section data (app/plan/sections.py)

    @property
    def next_action(self) -> actions.NextAction:
        return self.next_actions[0]

    @property
    def later_actions(self) -> list:
        return self.next_actions[1:]

    @property
    def is_empty(self) -> bool:
        return not (self.goals or self.activities or self.upcoming or self.latest_held)


def _sources(rules: Rules, items) -> dict:
    return {item.key: describe.item_source(item.key, rules) for item in items}


def build(db, citizen: dict, now: datetime | None = None, viewer: str | None = None) -> PlanView:
    """Everything Min Plan shows; `viewer` is who looks (default: the logged-in user's kind)."""
    now = now or clock.now()
    viewer = viewer or _viewer()
    today = clock.local(now).date()
    rules = rules_for(citizen["target_group"], today)
    upcoming = conversation_queries.upcoming_for_citizen(db, citizen["id"], clock.to_db(now))
    joblog = joblog_service.status_for(db, citizen, today)
    followup = duty_texts.followup_schedule(db, citizen, rules, now)
    exemption = exemptions.current(db, citizen, today) if rules.exemption is not None else None
    first_followup_deadline = None
    if rules.sick is not None:
        since = datetime.fromisoformat(citizen["group_since"]).date()
        first_followup_deadline = since + timedelta(weeks=rules.sick.first_followup_weeks) - timedelta(days=1)
    duties = duty_texts.duties(rules, joblog_status=joblog, followup=followup, exemption=exemption)
    rights = duty_texts.rights(rules, employment_status=citizen.get("employment_status"),
                               returned=followup is not None and followup.reason == "returned")
    view = PlanView(
        citizen=citizen,
        viewer=viewer,
        rules=rules,
        plan=queries.plan_for(db, citizen["id"]),
        goals=queries.goals_for(db, citizen["id"]),
        activities=queries.activities_for(db, citizen["id"]),
        upcoming=upcoming,
        latest_held=conversation_queries.latest_held(db, citizen["id"]),
        joblog=joblog,
        duties=duties,
        rights=rights,
        sources=_sources(rules, [*duties, *rights]),
        contact_summary=duty_texts.contact_summary(rules, followup, exemption),
        next_actions=actions.next_actions(db, citizen, rules, now),
        first_followup_deadline=first_followup_deadline,
        exemption=exemption,
        reports=report_service.current_reports(db, citizen, today) if rules.reports is not None else [],
        changes=change_service.for_citizen(citizen, today),
        group_change=change_service.group_change_for(db, citizen, today),
    )
    view.sections = plan_sections.build_all(db, citizen, view, viewer, now)
    return view


def _viewer() -> str:
    from flask import has_request_context
    from flask_login import current_user
    if has_request_context() and getattr(current_user, "is_authenticated", False) and current_user.kind == "caseworker":
        return "caseworker"
    return "citizen"
