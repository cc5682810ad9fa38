"""The case page (`/sagsbehandler/borger/<id>`) as every route that shows it builds it: its own
GET, and the POSTs of its forms (the joblog requirement, the contact exemption, the target group),
which show it again with the failed form. The areas' sections come from app/caseworker/panels.py,
each built once."""
from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from .. import clock, labels
from ..db import get_db
from ..plan import exemptions
from . import panels, queries
from .forms import ContactExemptionForm, EndExemptionForm, JoblogRequirementForm, TargetGroupForm


def requirement_form(view) -> JoblogRequirementForm:
    form = JoblogRequirementForm(formdata=None)
    if view.joblog is not None:
        form.count.data = view.joblog.requirement.count
        form.note.data = view.joblog.requirement.note
    return form


def contact_exemption_form(view, formdata=True) -> ContactExemptionForm:
    """The exemption form with the choices the citizen's rules allow, filled from the exemption
    on record (or today to the end of the first 6 months) when it is not a posted form."""
    form = ContactExemptionForm() if formdata else ContactExemptionForm(formdata=None)
    allowed = view.rules.exemption.covers if view.rules.exemption else ()
    options = ([SelectChoice(",".join(allowed), _("Both conversations and offers"))] if len(allowed) > 1 else []) + [
        SelectChoice(kind, str(labels.CONTACT_EXEMPTION_COVERS[kind])) for kind in allowed]
    form.covers.choices = options
    form.reason.choices = [SelectChoice(code, str(labels.CONTACT_EXEMPTION_REASONS[code])) for code in exemptions.REASONS]
    if not formdata:
        current = view.exemption
        end = exemptions.course_end(view.citizen, view.rules)
        form.covers.data = ",".join(current.covers) if current else (options[0].value if options else None)
        form.reason.data = current.reason if current else None
        form.note.data = current.note if current else None
        form.from_date.data = current.from_date if current else clock.today()
        form.to_date.data = current.to_date if current else end
    return form


def exemption_context(citizen, view, form) -> dict:
    today = clock.today()
    end = exemptions.course_end(citizen, view.rules)
    exempted, total = exemptions.share(get_db(), current_user.municipality_id, today)
    covers = view.exemption.covers if view.exemption else ()
    return {"rule": view.rules.exemption, "current": view.exemption, "form": form, "end_form": EndExemptionForm(),
            "covers_text": ", ".join(labels.label(labels.CONTACT_EXEMPTION_COVERS, kind) for kind in covers),
            "course_end": end, "course_over": end is not None and end < today,
            "exempted": exempted, "total": total}


def header(db, citizen) -> dict:
    """The case header: who, group and since when, contact, and the flags to know before contact."""
    flags = queries.case_flags(db, citizen["id"], clock.to_db(clock.now()))
    return {"flags": flags, "exemption": exemptions.current(db, citizen, clock.today()),
            "tabs": tabs(citizen)}


def tabs(citizen) -> list[tuple[str, str, str]]:
    """(key, label, href) of the case's tabs: one page with anchors, Historik a page of its own."""
    from ..rules import rules_for
    base = url_for("caseworker.citizen", citizen_id=citizen["id"])
    tabs = [("plan", _("Plan"), base + "#fane-plan"), ("samtaler", _("Conversations"), base + "#fane-samtaler"),
            ("joblog", _("Joblog"), base + "#krav")]
    if rules_for(citizen["target_group"], clock.today()).sick is not None:
        tabs.append(("opfoelgning", _("Follow-up"), base + "#fane-opfoelgning"))
    tabs += [("beskeder", _("Messages"), base + "#fane-beskeder"),
             ("historik", _("History"), url_for("caseworker.history", citizen_id=citizen["id"]))]
    return tabs


def target_group_form(citizen, formdata=True) -> TargetGroupForm:
    """The groups a citizen can be moved to today: those open to new citizens (law no. 1750 closes
    ressourceforløb and revalidering), and uddannelseshjælp not at all (law no. 1655)."""
    from ..rules import GROUPS, rules_for
    form = TargetGroupForm() if formdata else TargetGroupForm(formdata=None)
    today = clock.today()
    form.group.choices = [SelectChoice("", _("Choose"))] + [
        SelectChoice(code, labels.label(labels.TARGET_GROUPS, code)) for code in GROUPS
        if code != citizen["target_group"] and rules_for(code, today).open_to_new(today)]
    form.closed_names = ", ".join(labels.label(labels.TARGET_GROUPS, code) for code in GROUPS
                                  if code != citizen["target_group"] and not rules_for(code, today).open_to_new(today))
    if not formdata:
        form.on_date.data = today
    return form


def case_page(citizen, view, form=None, status=200, exemption_form=None, group_form=None):
    """The case page; a form given is shown as posted (with its errors), the others empty."""
    form = form or requirement_form(view)
    db = get_db()
    built = panels.collect(panels.CASE_SECTIONS, db, citizen, current_user)  # each section once
    by_tab = {tab: [p for p in built if p.tab == tab] for tab in panels.CASE_TABS}
    exemption = exemption_context(citizen, view, exemption_form or contact_exemption_form(view, formdata=False))
    from ..plan import writing
    return render_template("caseworker/citizen.html", citizen=citizen, view=view, form=form,
                           sections_by_tab=by_tab, exemption=exemption, header=header(db, citizen),
                           read=writing.read_state(db, citizen["id"]),
                           group_form=group_form or target_group_form(citizen, formdata=False)), status
