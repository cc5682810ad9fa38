"""The caseworker's joblog routes: the municipality's joblogs at risk or missed, and one
citizen's joblog by period; and the requirement the caseworker sets on the case page. Every
citizen is looked up within the caseworker's municipality."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms.validators import Optional

from .. import clock
from ..caseworker.case_page import case_page
from ..caseworker.forms import JoblogRequirementForm
from ..caseworker.loader import case_citizen
from ..db import get_db
from ..i18n import fmt_date
from ..plan import service as plan_service
from ..urls import page_arg
from . import overview, service

PAGE_SIZE = 50

bp = Blueprint("joblog", __name__)


@bp.route("/joblog")
def index():
    page = page_arg()
    watches, total = overview.needing_attention(get_db(), current_user.municipality_id,
                                                offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return render_template("joblog/caseworker_overview.html", total=total, page=min(page, pages), pages=pages,
                           watches=watches)


@bp.route("/joblog/borger/<int:citizen_id>")
def citizen(citizen_id):
    db = get_db()
    citizen = case_citizen()
    today = clock.today()
    return render_template("joblog/caseworker_citizen.html", citizen=citizen,
                           requirement=service.requirement_for(db, citizen, today),
                           periods=service.history(db, citizen, today),
                           watch=overview.watch_for(db, citizen, today))


@bp.route("/borger/<int:citizen_id>/krav-til-jobsoegning", methods=["POST"])
def set_requirement(citizen_id):
    """The number of job applications per period for this citizen; its form sits on the case page,
    which is shown again when it failed."""
    citizen = case_citizen()
    db = get_db()
    view = plan_service.build(db, citizen)
    if view.joblog is None:
        abort(404)
    form = JoblogRequirementForm()
    if form.use_default.data:
        form.count.validators = [Optional()]  # the number is not used when returning to the default
    if form.validate_on_submit():
        applies_from = service.set_requirement(
            db, caseworker_id=current_user.id, citizen=citizen,
            count=None if form.use_default.data else form.count.data, note=form.note.data,
            from_current_period=bool(form.from_current_period.data))
        flash(_("The job-search requirement for %(name)s is saved. It applies from %(date)s, and the citizen is told.",
                name=citizen["name"], date=fmt_date(applies_from)), "success")
        return redirect(url_for("caseworker.citizen", citizen_id=citizen_id) + "#krav")
    return case_page(citizen, view, form, 400)
