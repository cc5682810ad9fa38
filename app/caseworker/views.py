from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice
from wtforms.validators import Optional

from .. import clock, labels
from ..urls import page_arg
from ..auth.users import caseworker_required
from ..db import get_db
from ..joblog import service as joblog_service
from ..plan import exemptions
from ..plan import service as plan_service
from . import bp, panels, queries
from .forms import CitizenSearchForm, ContactExemptionForm, EndExemptionForm, JoblogRequirementForm


def _citizen_or_404(citizen_id: int) -> dict:
    # Another municipality's citizen is "not found", not "forbidden": we do not confirm they exist.
    citizen = queries.citizen_in_municipality(get_db(), citizen_id, current_user.municipality_id)
    if citizen is None:
        abort(404)
    return citizen


@bp.route("/")
@caseworker_required
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
@caseworker_required
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
@caseworker_required
def citizen(citizen_id):
    citizen = _citizen_or_404(citizen_id)
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


def _case_page(citizen, view, form, status=200, exemption_form=None):
    sections = panels.collect(panels.CASE_SECTIONS, get_db(), citizen, current_user)
    exemption = _exemption_context(citizen, view, exemption_form or _exemption_form(view, formdata=False))
    return render_template("caseworker/citizen.html", citizen=citizen, view=view, form=form,
                           case_sections=sections, exemption=exemption), status


@bp.route("/borger/<int:citizen_id>/krav-til-jobsoegning", methods=["POST"])
@caseworker_required
def set_joblog_requirement(citizen_id):
    citizen = _citizen_or_404(citizen_id)
    db = get_db()
    view = plan_service.build(db, citizen)
    if view.joblog is None:
        abort(404)
    form = JoblogRequirementForm()
    if form.use_default.data:
        form.count.validators = [Optional()]  # the number is not used when returning to the default
    if form.validate_on_submit():
        joblog_service.set_requirement(
            db, caseworker_id=current_user.id, citizen=citizen,
            count=None if form.use_default.data else form.count.data, note=form.note.data)
        flash(_("The job-search requirement for %(name)s is saved. The citizen sees it in Min Plan.", name=citizen["name"]), "success")
        return redirect(url_for("caseworker.citizen", citizen_id=citizen_id) + "#krav")
    return _case_page(citizen, view, form, 400)


@bp.route("/borger/<int:citizen_id>/undtagelse", methods=["POST"])
@caseworker_required
def set_contact_exemption(citizen_id):
    """Exempt the citizen from the contact course's conversations and/or offers (law no. 1750).
    The form sits on the case page, which is shown again when it failed."""
    citizen = _citizen_or_404(citizen_id)
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
            field = getattr(form, refused.field, None) if refused.field else None
            (field if field is not None else form.submit).errors = [str(refused.message)]
        else:
            flash(_("The exemption for %(name)s is saved. The citizen sees it in Min Plan.", name=citizen["name"]), "success")
            return redirect(url_for("caseworker.citizen", citizen_id=citizen_id) + "#undtagelse")
    return _case_page(citizen, view, _requirement_form(view), 400, exemption_form=form)


@bp.route("/borger/<int:citizen_id>/undtagelse/ophoer", methods=["POST"])
@caseworker_required
def end_contact_exemption(citizen_id):
    citizen = _citizen_or_404(citizen_id)
    form = EndExemptionForm()
    if not form.validate_on_submit():
        abort(400)
    if exemptions.end_exemption(get_db(), caseworker_id=current_user.id, citizen=citizen):
        flash(_("The exemption for %(name)s has ended. The required conversations and offers apply again.",
                name=citizen["name"]), "success")
    return redirect(url_for("caseworker.citizen", citizen_id=citizen_id) + "#undtagelse")
