"""The caseworker's conversation pages for the whole jobcenter: published times (Tider) and
the queue of format requests (Anmodninger)."""
from datetime import date, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock, dates, labels
from ..auth.users import caseworker_required
from ..db import get_db
from . import bp, decisions, queries, service, slots
from . import queries_caseworker as cq
from .forms_caseworker import ConfirmForm, DecideForm, SlotForm, parse_time
from .views import show_error


def _monday() -> date:
    """The week asked for in ?uge=; this week when it is missing, no date, or far away."""
    return slots.week_start(dates.from_iso(request.args.get("uge")) or clock.today())


def _slots_page(form, monday: date, error=None, status=200):
    db = get_db()
    municipality = queries.municipality(db, current_user.municipality_id)
    return render_template("conversations/caseworker/slots.html", form=form, monday=monday,
                           week=slots.week(db, current_user.municipality_id, monday),
                           previous=monday - timedelta(days=7), next=monday + timedelta(days=7),
                           this_week=slots.week_start(clock.today()), municipality=municipality,
                           withdraw_form=ConfirmForm(), error=error), status


@bp.route("/sagsbehandler/tider", methods=["GET", "POST"])
@caseworker_required
def caseworker_slots():
    monday = _monday()
    form = SlotForm()
    if request.method == "GET":
        municipality = queries.municipality(get_db(), current_user.municipality_id)
        form.location.data = f"{municipality['jobcenter_name']}, {municipality['address']}"
        form.day.data = form.day.data or clock.today() + timedelta(days=1)
    if form.validate_on_submit():
        try:
            ids = slots.publish(get_db(), caseworker=current_user, day=form.day.data, start=parse_time(form.start.data),
                                minutes=int(form.minutes.data), in_a_row=form.in_a_row.data,
                                repeat_weeks=form.repeat_weeks.data, formats=form.formats(),
                                location=form.location.data, occurrence=form.occurrence.data)
        except service.ConversationError as refused:
            return _slots_page(form, monday, show_error(form, refused), 400)
        flash(_("%(num)s times are published. Citizens can book them now.", num=len(ids)), "success")
        return redirect(url_for("conversations.caseworker_slots", uge=slots.week_start(form.day.data).isoformat()))
    return _slots_page(form, monday, status=400 if request.method == "POST" else 200)


@bp.route("/sagsbehandler/tider/<int:slot_id>/traek-tilbage", methods=["POST"])
@caseworker_required
def withdraw_slot(slot_id):
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        slots.withdraw(get_db(), caseworker=current_user, slot_id=slot_id)
    except service.ConversationError as refused:
        flash(str(refused.message), "error")
    else:
        flash(_("The time is withdrawn. Citizens can no longer book it."), "success")
    return redirect(url_for("conversations.caseworker_slots", uge=request.args.get("uge")))


@bp.route("/sagsbehandler/anmodninger")
@caseworker_required
def caseworker_requests():
    db = get_db()
    return render_template("conversations/caseworker/requests.html",
                           pending=cq.pending_requests(db, current_user.municipality_id),
                           decided=cq.decided_requests(db, current_user.municipality_id))


@bp.route("/sagsbehandler/anmodninger/<int:request_id>", methods=["GET", "POST"])
@caseworker_required
def decide_request(request_id):
    db = get_db()
    req = cq.request_in_municipality(db, request_id, current_user.municipality_id)
    if req is None:
        abort(404)  # another municipality's request is not found
    conv = cq.conversation_in_municipality(db, req["conversation_id"], current_user.municipality_id)
    form = DecideForm()
    error = None
    if req["status"] == "pending" and form.validate_on_submit():
        try:
            status = decisions.decide_request(db, caseworker=current_user, request_id=req["id"],
                                              approve=form.decision.data == "approve", reason=form.reason.data)
        except service.ConversationError as refused:
            error = show_error(form, refused)
        else:
            flash(_("The request from %(name)s is approved. The conversation is now: %(format)s.",
                    name=req["citizen_name"], format=labels.label(labels.FORMATS, req["to_format"]))
                  if status == "approved" else
                  _("The request from %(name)s is refused. The citizen sees your reason.", name=req["citizen_name"]),
                  "success")
            return redirect(url_for("conversations.caseworker_requests"))
    status = 400 if request.method == "POST" else 200
    return render_template("conversations/caseworker/decide.html", req=req, conv=conv, form=form,
                           error=error), status
