from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.validators import Optional

from .. import clock, labels
from ..urls import page_arg
from ..auth.users import caseworker_required
from ..db import get_db
from ..joblog import service as joblog_service
from ..plan import service as plan_service
from . import bp, panels, queries
from .forms import CitizenSearchForm, JoblogRequirementForm


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


@bp.route("/borger/<int:citizen_id>", methods=["GET"])
@caseworker_required
def citizen(citizen_id):
    citizen = _citizen_or_404(citizen_id)
    view = plan_service.build(get_db(), citizen)
    form = JoblogRequirementForm()
    if view.joblog is not None:
        form.count.data = view.joblog.requirement.count
        form.note.data = view.joblog.requirement.note
    return _case_page(citizen, view, form)


def _case_page(citizen, view, form, status=200):
    sections = panels.collect(panels.CASE_SECTIONS, get_db(), citizen, current_user)
    return render_template("caseworker/citizen.html", citizen=citizen, view=view, form=form,
                           case_sections=sections), status


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
