"""Routes for the caseworker: the follow-up queue, sending the information form, marking a
follow-up held, handling a request for a conversation, and the retention plan's status."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock
from ..caseworker.loader import case_citizen, citizen_or_404
from ..db import get_db
from ..errors import show_on_form
from . import overview, queries, queue, service
from .forms import ActionForm, HeldForm, RetentionStatusForm, SendFormForm
from .service import FollowupError

bp = Blueprint("followup", __name__)


def _sick_listed_citizen(citizen_id: int | None = None) -> dict:
    """The citizen the route names (the house's guard loaded them), or of the route's
    conversation, if their group has the sick-listed follow-up; 404 otherwise."""
    citizen = case_citizen() if citizen_id is None else citizen_or_404(citizen_id)
    if service.sick_rules(citizen) is None:
        abort(404)
    return citizen


def _case_url(citizen_id: int) -> str:
    return url_for("caseworker.citizen", citizen_id=citizen_id) + "#opfoelgning-sag"


@bp.route("/opfoelgning")
def index():
    db = get_db()
    now = clock.now()
    return render_template("followup/caseworker_queue.html", q=queue.build(db, current_user.municipality_id, now),
                           today=clock.local(now).date(),
                           requests_page="caseworker.conversations.requests" in current_app.view_functions)


@bp.route("/opfoelgning/borger/<int:citizen_id>/send-skema", methods=["POST"])
def send_form(citizen_id):
    db = get_db()
    citizen = _sick_listed_citizen()
    form = SendFormForm()
    if not form.validate_on_submit():
        abort(400)
    service.send_form(db, caseworker_id=current_user.id, citizen=citizen, key=form.submission_key.data)
    flash(_("The information form is sent to %(name)s. The deadline is shown on the citizen's follow-up page.",
            name=citizen["name"]), "success")
    return redirect(_case_url(citizen_id))


@bp.route("/opfoelgning/samtale/<int:conversation_id>/behold", methods=["POST"])
def keep(conversation_id):
    db = get_db()
    conv = queries.followup_in_municipality(db, conversation_id, current_user.municipality_id)
    if conv is None:
        abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        service.keep_followup(db, caseworker_id=current_user.id, municipality_id=current_user.municipality_id,
                              conversation_id=conversation_id)
    except FollowupError as error:
        flash(str(error.message), "error")
        return redirect(_case_url(conv["citizen_id"]))
    flash(_("The follow-up conversation is kept. The citizen sees it as planned."), "success")
    return redirect(_case_url(conv["citizen_id"]))


@bp.route("/opfoelgning/samtale/<int:conversation_id>/afholdt", methods=["GET", "POST"])
def mark_held(conversation_id):
    db = get_db()
    conv = queries.followup_in_municipality(db, conversation_id, current_user.municipality_id)
    if conv is None:
        abort(404)
    citizen = _sick_listed_citizen(conv["citizen_id"])
    form = HeldForm()
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                service.mark_held(db, caseworker_id=current_user.id, municipality_id=current_user.municipality_id,
                                  conversation_id=conversation_id, summary=form.summary.data,
                                  next_step=form.next_step.data, agreed=form.agreed(),
                                  predictable=bool(form.predictable.data) and service.predictable_applies(citizen, conv))
            except FollowupError as error:
                message = show_on_form(form, error)
                if message:
                    flash(message, "error")
                    return redirect(_case_url(citizen["id"]))
                return render_template("followup/caseworker_held.html", conv=conv, citizen=citizen, form=form,
                                       answers=queries.answers_for(db, conversation_id),
                                       predictable=service.predictable_applies(citizen, conv),
                                       weeks=service.sick_rules(citizen).first_only_if_back_within_weeks,
                                       started=True), 400
            flash(_("The follow-up with %(name)s is marked as held. The citizen sees your note on Min Plan.",
                    name=citizen["name"]), "success")
            return redirect(_case_url(citizen["id"]))
        status = 400
    return render_template("followup/caseworker_held.html", conv=conv, citizen=citizen, form=form,
                           answers=queries.answers_for(db, conversation_id),
                           predictable=service.predictable_applies(citizen, conv),
                           weeks=service.sick_rules(citizen).first_only_if_back_within_weeks,
                           started=clock.from_db(conv["starts_at"]) <= clock.now()), status


@bp.route("/opfoelgning/anmodning/<int:request_id>/behandlet", methods=["POST"])
def handle_request(request_id):
    db = get_db()
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        req = service.handle_request(db, caseworker_id=current_user.id, municipality_id=current_user.municipality_id,
                                     request_id=request_id)
    except service.NotFound:
        abort(404)
    citizen = citizen_or_404(req["citizen_id"])
    flash(_("The request from %(name)s is marked as handled.", name=citizen["name"]), "success")
    return redirect(url_for("caseworker.followup.index") + "#requests")


@bp.route("/opfoelgning/borger/<int:citizen_id>/fastholdelsesplan", methods=["GET", "POST"])
def retention(citizen_id):
    db = get_db()
    citizen = _sick_listed_citizen()
    case = queries.case_for_citizen(db, citizen_id)
    status = 200
    if request.method == "POST":
        form = RetentionStatusForm()
        if form.validate_on_submit():
            service.set_retention_status(db, caseworker_id=current_user.id, citizen=citizen,
                                         status=form.status.data, note=form.note.data)
            flash(_("The retention plan's status for %(name)s is saved. The citizen sees it.",
                    name=citizen["name"]), "success")
            return redirect(_case_url(citizen_id))
        status = 400
    else:
        form = RetentionStatusForm(data={"status": case["retention_plan_status"] if case else None,
                                         "note": case["retention_plan_note"] if case else None})
    return render_template("followup/caseworker_retention.html", citizen=citizen, case=case, form=form,
                           ov=overview.build(db, citizen)), status
