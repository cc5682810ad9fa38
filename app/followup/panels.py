"""The follow-up's panels on the caseworker's "I dag" page and on the citizen's case page."""
from .. import clock
from ..caseworker.panels import Panel, case_section, today_panel
from . import formsteps, overview, queries, queue, service
from .forms import SendFormForm


@today_panel
def followups_due(db, caseworker):
    now = clock.now()
    today = clock.local(now).date()
    q = queue.build(db, caseworker.municipality_id, now)
    soon = queue.due_soon(q, today)
    if not (soon or q.requests or q.digital_first or q.forms_in or q.status_in or q.near_limit):
        return None
    return Panel("followup/_today_panel.html", order=40, context={"q": q, "soon": soon, "today": today})


@case_section
def followup_case(db, citizen, caseworker):
    if service.sick_rules(citizen) is None:
        return None
    now = clock.now()
    ov = overview.build(db, citizen, now)
    answers = {conv["id"]: queries.answers_for(db, conv["id"]) for conv in ov.upcoming}
    return Panel("followup/_case_section.html", order=20, context={
        "ov": ov, "citizen": citizen, "answers": answers, "to_hold": queries.to_hold(db, citizen["id"], clock.to_db(now)),
        "send_form": SendFormForm() if ov.form_state == "not_sent" else None,
        "rows": formsteps.answer_rows(ov.answers, ov.rules.sick, change=False) if ov.form_state == "submitted" else [],
    })
