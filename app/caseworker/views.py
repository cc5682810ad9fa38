"""The house's own pages: I dag, the citizens, the case page and its history, and the change of
target group. Each area's caseworker pages are in that area's caseworker.py (areas.py)."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock, labels
from ..db import get_db
from ..errors import show_on_form
from ..plan import service as plan_service
from ..urls import page_arg
from . import bp, panels, queries
from .case_page import case_page, header, target_group_form
from .forms import CitizenSearchForm
from .loader import case_citizen
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


@bp.route("/borger/<int:citizen_id>", methods=["GET"])
def citizen(citizen_id):
    citizen = case_citizen()
    view = plan_service.build(get_db(), citizen)
    return case_page(citizen, view)


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
    return render_template("caseworker/history.html", citizen=citizen, header=header(db, citizen), lines=lines,
                           total=total, page=min(page, pages), pages=pages, area=area, actor=actor, actors=actors,
                           areas=[(key, str(text)) for key, text in history_lines.AREAS.items()],
                           area_names={key: str(text) for key, text in history_lines.AREAS.items()})


@bp.route("/borger/<int:citizen_id>/maalgruppe", methods=["POST"])
def set_target_group(citizen_id):
    """Move the citizen to another target group from a date, with a reason; the rules of the new
    group apply from that date, and the citizen is told through the outbox."""
    citizen = case_citizen()
    db = get_db()
    form = target_group_form(citizen)
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
    return case_page(citizen, view, status=400, group_form=form)
