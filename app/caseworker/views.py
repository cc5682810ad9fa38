from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice
from wtforms.validators import Optional

from .. import clock, labels
from ..i18n import fmt_date
from ..urls import page_arg
from ..db import get_db
from ..errors import show_on_form
from ..joblog import service as joblog_service
from ..plan import exemptions
from ..plan import service as plan_service
from . import bp, panels, queries
from .loader import case_citizen
from .forms import CitizenSearchForm, ContactExemptionForm, EndExemptionForm, JoblogRequirementForm, TargetGroupForm
from .service import CaseworkerError, change_group


@bp.route("/")
def today():
    db = get_db()
    return render_template("caseworker/today.html", search=_search_form(),
                           panels=panels.collect(panels.TODAY_PANELS, db, current_user))


PAGE_SIZE = 25


def _search_form() -> CitizenSearchForm:
    form = CitizenSearchForm(request.args)
    form.group.choices = [("", _("All target groups"))] + [
        (code, str(text)) for code, text in labels.TARGET_GROUPS.items()]
    return form


@bp.route("/borgere")
def citizens():
    form = _search_form()
    page = page_arg()
    valid = form.validate()
    rows, total = queries.search_citizens(
        get_db(), current_user.municipality_id, text=(form.q.data or "").strip() if valid else "",
        group=form.group.data or None if valid else None, now=clock.to_db(clock.now()),
        limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return render_template("caseworker/citizens.html", search=form, citizens=rows, total=total,
                           page=min(page, pages), pages=pages)


def _requirement_form(view) -> JoblogRequirementForm:
    form = JoblogRequirementForm(formdata=None)
    if view.joblog is not None:
        form.count.data = view.joblog.requirement.count
        form.note.data = view.joblog.requirement.note
    return form


@bp.route("/borger/<int:citizen_id>", methods=["GET"])
def citizen(citizen_id):
    citizen = case_citizen()
    view = plan_service.build(get_db(), citizen)
    return _case_page(citizen, view, _requirement_form(view))


def _exemption_form(view, formdata=True) -> ContactExemptionForm:
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


def _exemption_context(citizen, view, form) -> dict:
    today = clock.today()
    end = exemptions.course_end(citizen, view.rules)
    exempted, total = exemptions.share(get_db(), current_user.municipality_id, today)
    covers = view.exemption.covers if view.exemption else ()
    return {"rule": view.rules.exemption, "current": view.exemption, "form": form, "end_form": EndExemptionForm(),
            "covers_text": ", ".join(labels.label(labels.CONTACT_EXEMPTION_COVERS, kind) for kind in covers),
            "course_end": end, "course_over": end is not None and end < today,
            "exempted": exempted, "total": total}


def _header(db, citizen) -> dict:
    """The case header: who, group and since when, contact, and the flags to know before contact."""
    flags = queries.case_flags(db, citizen["id"], clock.to_db(clock.now()))
    return {"flags": flags, "exemption": exemptions.current(db, citizen, clock.today()),
            "tabs": _tabs(citizen)}


def _tabs(citizen) -> list[tuple[str, str, str]]:
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


def _group_form(citizen, formdata=True) -> TargetGroupForm:
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


def _case_page(citizen, view, form, status=200, exemption_form=None, group_form=None):
    db = get_db()
    built = panels.collect(panels.CASE_SECTIONS, db, citizen, current_user)  # each section once
    by_tab = {tab: [p for p in built if p.tab == tab] for tab in panels.CASE_TABS}
    exemption = _exemption_context(citizen, view, exemption_form or _exemption_form(view, formdata=False))
    from ..plan import writing
    return render_template("caseworker/citizen.html", citizen=citizen, view=view, form=form,
                           sections_by_tab=by_tab, exemption=exemption, header=_header(db, citizen),
                           read=writing.read_state(db, citizen["id"]),
                           group_form=group_form or _group_form(citizen, formdata=False)), status


HISTORY_PAGE = 50


@bp.route("/borger/<int:citizen_id>/historik")
def history(citizen_id):
    from . import history as history_lines
    citizen = case_citizen()
    db = get_db()
    area = request.args.get("omraade") or None
    actor = request.args.get("aktoer") or None
    actors = history_lines.actor_choices(db, citizen)
    if area not in history_lines.AREAS:
        area = None
    if actor not in {value for value, _label in actors}:
        actor = None
    page = page_arg()
    lines, total = history_lines.page(db, citizen, area=area, actor=actor, limit=HISTORY_PAGE,
                                      offset=(page - 1) * HISTORY_PAGE)
    pages = max((total + HISTORY_PAGE - 1) // HISTORY_PAGE, 1)
    return render_template("caseworker/history.html", citizen=citizen, header=_header(db, citizen), lines=lines,
                           total=total, page=min(page, pages), pages=pages, area=area, actor=actor, actors=actors,
                           areas=[(key, str(text)) for key, text in history_lines.AREAS.items()],
                           area_names={key: str(text) for key, text in history_lines.AREAS.items()})


@bp.route("/borger/<int:citizen_id>/krav-til-jobsoegning", methods=["POST"])
def set_joblog_requirement(citizen_id):
    citizen = case_citizen()
    db = get_db()
    view = plan_service.build(db, citizen)
    if view.joblog is None:
        abort(404)
    form = JoblogRequirementForm()
    if form.use_default.data:
        form.count.validators = [Optional()]  # the number is not used when returning to the default
    if form.validate_on_submit():
        applies_from = joblog_service.set_requirement(
            db, caseworker_id=current_user.id, citizen=citizen,
            count=None if form.use_default.data else form.count.data, note=form.note.data,
            from_current_period=bool(form.from_current_period.data))
        flash(_("The job-search requirement for %(name)s is saved. It applies from %(date)s, and the citizen is told.",
                name=citizen["name"], date=fmt_date(applies_from)), "success")
        return redirect(url_for("caseworker.citizen", citizen_id=citizen_id) + "#krav")
    return _case_page(citizen, view, form, 400)


@bp.route("/borger/<int:citizen_id>/undtagelse", methods=["POST"])
def set_contact_exemption(citizen_id):
    """Exempt the citizen from the contact course's conversations and/or offers (law no. 1750).
    The form sits on the case page, which is shown again when it failed."""
    citizen = case_citizen()
    db = get_db()
    view = plan_service.build(db, citizen)
    if view.rules.exemption is None:
        abort(404)
    form = _exemption_form(view)
    if form.validate_on_submit():
        try:
            exemptions.set_exemption(
                db, caseworker_id=current_user.id, citizen=citizen, covers=tuple((form.covers.data or "").split(",")),
                reason=form.reason.data, note=form.note.data, from_date=form.from_date.data, to_date=form.to_date.data)
        except exemptions.ExemptionError as refused:
            show_on_form(form, refused, default="submit")
        else:
            flash(_("The exemption for %(name)s is saved. The citizen sees it in Min Plan.", name=citizen["name"]), "success")
            return redirect(url_for("caseworker.citizen", citizen_id=citizen_id) + "#undtagelse")
    return _case_page(citizen, view, _requirement_form(view), 400, exemption_form=form)


@bp.route("/borger/<int:citizen_id>/undtagelse/ophoer", methods=["POST"])
def end_contact_exemption(citizen_id):
    citizen = case_citizen()
    form = EndExemptionForm()
    if not form.validate_on_submit():
        abort(400)
    if exemptions.end_exemption(get_db(), caseworker_id=current_user.id, citizen=citizen):
        flash(_("The exemption for %(name)s has ended. The required conversations and offers apply again.",
                name=citizen["name"]), "success")
    return redirect(url_for("caseworker.citizen", citizen_id=citizen_id) + "#undtagelse")


@bp.route("/borger/<int:citizen_id>/maalgruppe", methods=["POST"])
def set_target_group(citizen_id):
    """Move the citizen to another target group from a date, with a reason; the rules of the new
    group apply from that date, and the citizen is told through the outbox."""
    citizen = case_citizen()
    db = get_db()
    form = _group_form(citizen)
    if form.validate_on_submit():
        try:
            change_group(db, caseworker_id=current_user.id, citizen=citizen, group=form.group.data,
                         on_date=form.on_date.data, reason=form.reason.data, submission_key=form.submission_key.data)
        except CaseworkerError as refused:
            show_on_form(form, refused, default="group")
        else:
            flash(_("The target group of %(name)s is changed. The citizen is told what it means for them.",
                    name=citizen["name"]), "success")
            return redirect(url_for("caseworker.citizen", citizen_id=citizen_id) + "#maalgruppe")
    view = plan_service.build(db, citizen)
    return _case_page(citizen, view, _requirement_form(view), 400, group_form=form)
