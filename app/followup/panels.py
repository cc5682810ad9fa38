"""The follow-up's panels on the caseworker's "I dag" page and on the citizen's case page."""
from flask import current_app

from .. import clock
from ..caseworker.panels import Panel, case_section, today_panel
from . import formsteps, overview, queries, queue, service, watch
from .forms import SendFormForm


TODAY_LISTED = 10  # follow-ups listed on I dag; the rest are counted, all of them in the queue


@today_panel
def followups_due(db, caseworker):
    now = clock.now()
    today = clock.local(now).date()
    # Counted from the follow-up index, kept up to date on write; the overviews are built for the
    # citizens the panel lists only (app/followup/watch.py).
    watch.refresh(db, caseworker.municipality_id, now)
    counts = watch.summary(db, caseworker.municipality_id)
    q = queue.build(db, caseworker.municipality_id, now, only=watch.listed(db, caseworker.municipality_id, TODAY_LISTED))
    soon = queue.due_soon(q, today)[:TODAY_LISTED]
    if not (counts["soon"] or q.requests or q.digital_first or counts["forms_in"] or counts["status_in"]
            or counts["near_limit"] or counts["after_return"]):
        return None
    return Panel("followup/_today_panel.html", order=40,
                 context={"q": q, "soon": soon, "soon_total": counts["soon"], "today": today,
                          "forms_and_answers_in": counts["forms_in"] + counts["status_in"]})


@case_section(tab="opfoelgning")
def followup_case(db, citizen, caseworker):
    if service.sick_rules(citizen) is None:
        return None
    now = clock.now()
    ov = overview.build(db, citizen, now)
    to_hold = queries.to_hold(db, citizen["id"], clock.to_db(now))
    started = {conv["id"] for conv in to_hold}
    # The status answers stay readable after the meeting has started, beside "Mark as held".
    answers = {conv["id"]: queries.answers_for(db, conv["id"]) for conv in ov.upcoming + to_hold}
    return Panel("followup/_case_section.html", order=20, tab="opfoelgning", context={
        "ov": ov, "citizen": citizen, "answers": answers, "to_hold": to_hold,
        "coming": [conv for conv in ov.upcoming if conv["id"] not in started],
        "cancel_page": "caseworker.conversations.cancel_by_jobcenter" in current_app.view_functions,
        "send_form": SendFormForm() if ov.form_state == "not_sent" else None,
        "rows": formsteps.answer_rows(ov.answers, ov.rules.sick, change=False) if ov.form_state == "submitted" else [],
    })
