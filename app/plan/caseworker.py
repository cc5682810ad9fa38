"""The caseworker writes the citizen's plan (`/sagsbehandler/borger/<id>/plan`): goals and
activities from the catalogue, added, changed and ended; and the exemption from the contact
course, whose form sits on the case page. Every route fetches the citizen within
the caseworker's municipality (app/caseworker/loader.py); every change goes through
app/plan/writing.py (rules, audit, idempotency)."""
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from .. import clock, labels
from ..caseworker.case_page import case_page, contact_exemption_form
from ..caseworker.forms import EndExemptionForm
from ..caseworker.loader import case_citizen
from ..db import get_db
from ..errors import show_on_form, submit
from ..rules import rules_for
from . import catalogue, exemptions, queries, writing
from . import service as plan_service
from .forms import ActivityForm, EndGoalForm, GoalForm

bp = Blueprint("plan", __name__)


def _goal_form(citizen, goal=None, formdata=True) -> GoalForm:
    form = GoalForm() if formdata else GoalForm(formdata=None)
    kinds = ["job"] + (["education"] if writing.education_goal_allowed(citizen, clock.today()) else [])
    if goal is not None and goal["kind"] not in kinds:
        kinds.append(goal["kind"])
    form.kind.choices = [SelectChoice(k, str(labels.GOAL_KINDS[k])) for k in kinds]
    if not formdata:
        form.kind.data = goal["kind"] if goal else "job"
        if goal:
            form.title.data, form.note.data = goal["title"], goal["note"]
    return form


def _activity_form(activity=None, formdata=True) -> ActivityForm:
    form = ActivityForm() if formdata else ActivityForm(formdata=None)
    codes = [kind.code for kind in catalogue.KINDS]
    if activity is not None and activity["kind"] not in codes:
        codes.append(activity["kind"])  # an older kind stays as it is
    form.kind.choices = [SelectChoice("", _("Choose"))] + [
        SelectChoice(code, labels.label(labels.ACTIVITY_KINDS, code)) for code in codes]
    form.status.choices = [SelectChoice(s, str(labels.ACTIVITY_STATUS[s])) for s in writing.STATUSES]
    if not formdata:
        if activity:
            for name in ("kind", "title", "provider", "status", "cancel_reason", "note", "expected_weeks",
                         "hours_per_week"):
                getattr(form, name).data = activity[name]
            form.extended.data = bool(activity["extended"])
            form.starts_on.data = date.fromisoformat(activity["starts_on"]) if activity["starts_on"] else None
            form.ends_on.data = date.fromisoformat(activity["ends_on"]) if activity["ends_on"] else None
        else:
            form.status.data = "planned"
    return form


def _limits(citizen) -> list[dict]:
    """The rules' limits for this citizen's group, explained beside the activity form."""
    today = clock.today()
    found = []
    for kind in catalogue.KINDS:
        limit = writing.limit_for(kind.code, citizen["target_group"], today)
        if limit is not None:
            found.append({"kind": kind.label, "weeks": limit.weeks, "extended_weeks": limit.extended_weeks,
                          "source": limit.source})
    return found


def _page(citizen, goal_form=None, activity_form=None, status=200):
    db = get_db()
    return render_template(
        "plan/caseworker/plan.html", citizen=citizen,
        goals=queries.goals_for(db, citizen["id"]), activities=queries.activities_for(db, citizen["id"]),
        goal_form=goal_form or _goal_form(citizen, formdata=False),
        activity_form=activity_form or _activity_form(formdata=False),
        end_form=EndGoalForm(formdata=None), limits=_limits(citizen),
        read=writing.read_state(db, citizen["id"]),
        rules=rules_for(citizen["target_group"], clock.today())), status


@bp.route("/borger/<int:citizen_id>/plan")
def index(citizen_id):
    return _page(case_citizen())


def _back(citizen_id, anchor):
    return redirect(url_for("caseworker.plan.index", citizen_id=citizen_id) + anchor)


@bp.route("/borger/<int:citizen_id>/plan/maal", methods=["POST"])
def add_goal(citizen_id):
    citizen = case_citizen()
    form = _goal_form(citizen)
    if submit(form, lambda: writing.add_goal(
            get_db(), caseworker=current_user, citizen=citizen, values=_goal_values(form),
            submission_key=form.submission_key.data), default="submit"):
        flash(_("The goal is saved in %(name)s's plan. The citizen is told that the plan has been updated.",
                name=citizen["name"]), "success")
        return _back(citizen_id, "#maal")
    return _page(citizen, goal_form=form, status=400)


def _goal_values(form) -> dict:
    return {"kind": form.kind.data, "title": form.title.data, "note": form.note.data}


@bp.route("/borger/<int:citizen_id>/plan/maal/<int:goal_id>", methods=["GET", "POST"])
def goal(citizen_id, goal_id):
    citizen = case_citizen()
    db = get_db()
    goal = queries.goal_of(db, citizen_id, goal_id)
    if goal is None or goal["status"] != "active":
        abort(404)
    if not _posted():
        return render_template("plan/caseworker/goal.html", citizen=citizen, goal=goal,
                               form=_goal_form(citizen, goal, formdata=False))
    form = _goal_form(citizen, goal)
    if submit(form, lambda: writing.change_goal(
            db, caseworker=current_user, citizen=citizen, goal_id=goal_id, values=_goal_values(form),
            submission_key=form.submission_key.data), default="submit"):
        flash(_("The goal is changed. The citizen is told that the plan has been updated."), "success")
        return _back(citizen_id, "#maal")
    return render_template("plan/caseworker/goal.html", citizen=citizen, goal=goal, form=form), 400


@bp.route("/borger/<int:citizen_id>/plan/maal/<int:goal_id>/afslut", methods=["POST"])
def end_goal(citizen_id, goal_id):
    citizen = case_citizen()
    form = EndGoalForm()
    if not form.validate_on_submit():
        abort(400)
    writing.end_goal(get_db(), caseworker=current_user, citizen=citizen, goal_id=goal_id,
                     submission_key=form.submission_key.data)  # NotFound is a 404
    flash(_("The goal is ended. The citizen is told that the plan has been updated."), "success")
    return _back(citizen_id, "#maal")


@bp.route("/borger/<int:citizen_id>/plan/aktiviteter", methods=["POST"])
def add_activity(citizen_id):
    citizen = case_citizen()
    form = _activity_form()
    if submit(form, lambda: writing.add_activity(
            get_db(), caseworker=current_user, citizen=citizen, values=form.values(),
            submission_key=form.submission_key.data), default="submit"):
        flash(_("The activity is saved in %(name)s's plan. The citizen is told that the plan has been updated.",
                name=citizen["name"]), "success")
        return _back(citizen_id, "#aktiviteter")
    return _page(citizen, activity_form=form, status=400)


@bp.route("/borger/<int:citizen_id>/plan/aktiviteter/<int:activity_id>", methods=["GET", "POST"])
def activity(citizen_id, activity_id):
    citizen = case_citizen()
    db = get_db()
    activity = queries.activity_of(db, citizen_id, activity_id)
    if activity is None:
        abort(404)
    if not _posted():
        return render_template("plan/caseworker/activity.html", citizen=citizen, activity=activity,
                               form=_activity_form(activity, formdata=False), limits=_limits(citizen))
    form = _activity_form(activity)
    if submit(form, lambda: writing.change_activity(
            db, caseworker=current_user, citizen=citizen, activity_id=activity_id, values=form.values(),
            submission_key=form.submission_key.data), default="submit"):
        flash(_("The activity is changed. The citizen is told that the plan has been updated."), "success")
        return _back(citizen_id, "#aktiviteter")
    return render_template("plan/caseworker/activity.html", citizen=citizen, activity=activity, form=form,
                           limits=_limits(citizen)), 400


def _posted() -> bool:
    return request.method == "POST"


@bp.route("/borger/<int:citizen_id>/undtagelse", methods=["POST"])
def set_contact_exemption(citizen_id):
    """Exempt the citizen from the contact course's conversations and/or offers (law no. 1750).
    The form sits on the case page, which is shown again when it failed."""
    citizen = case_citizen()
    db = get_db()
    view = plan_service.build(db, citizen)
    if view.rules.exemption is None:
        abort(404)
    form = contact_exemption_form(view)
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
    return case_page(citizen, view, status=400, exemption_form=form)


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
