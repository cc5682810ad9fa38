"""The caseworker's conversation pages: for one citizen (linked from the case page's
conversations section) summon, ask to book before a deadline, exempt from self-booking, mark held
or missed, require attendance in person, cancel, and note an interpreter as ordered; for the whole
jobcenter the published times (Tider) and the queue of format requests (Anmodninger)."""
from datetime import date, timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock, dates, labels
from ..caseworker.loader import case_citizen
from ..db import get_db
from ..rules import FORMATS, KINDS
from . import booking, decisions, queries, service, slots, texts
from . import queries_caseworker as cq
from .access import show_error
from .forms import format_choices
from .forms_caseworker import (ConfirmForm, DecideForm, ExemptionForm, HeldForm, InPersonForm, InvitationForm,
                               JobcenterCancelForm, SlotForm, SummonForm, exemption_choices, parse_time)

bp = Blueprint("conversations", __name__)


def _conversation(conversation_id: int) -> dict:
    conv = cq.conversation_in_municipality(get_db(), conversation_id, current_user.municipality_id)
    if conv is None:
        abort(404)
    return conv


def _back(citizen_id: int) -> str:
    return url_for("caseworker.citizen", citizen_id=citizen_id) + "#samtaler"


def _attempt(form, work) -> tuple[bool, str | None]:
    """Validate the form and run `work()`: (True, None) when it was done; (False, the refusal
    no field took) otherwise. A conversation that is not found is a 404."""
    if not form.validate_on_submit():
        return False, None
    try:
        work()
    except service.NotFound:
        abort(404)
    except service.ConversationError as refused:
        return False, show_error(form, refused)
    return True, None


def _status(_error=None) -> int:
    """A page shown again after a POST is a form that failed."""
    return 400 if request.method == "POST" else 200


@bp.route("/borger/<int:citizen_id>/indkald", methods=["GET", "POST"])
def summon(citizen_id):
    citizen = case_citizen()
    form = SummonForm()
    form.kind.choices = [(k, str(labels.CONVERSATION_KINDS[k])) for k in KINDS if k != "cv"]
    form.format.choices = format_choices(FORMATS, labels.FORMATS)
    if request.method == "GET":
        form.day.data = clock.today() + timedelta(days=7)
        form.format.data = "in_person"
        form.location.data = f"{citizen['jobcenter_name']}, " + (_municipality_address() or "")
        form.phone_number.data = citizen.get("phone")
        invitation = cq.open_invitation(get_db(), citizen["id"], current_user.municipality_id)
        if invitation and invitation["interpreter"]:
            form.interpreter.data = invitation["interpreter"]
    def work():
        starts = service.typed_time(form.day.data, parse_time(form.start.data), form.occurrence.data)
        decisions.summon(get_db(), caseworker=current_user, citizen=citizen, starts=starts,
                         minutes=int(form.minutes.data), kind=form.kind.data, fmt=form.format.data,
                         location=form.location.data, phone_number=form.phone_number.data,
                         prepare=form.prepare.data, interpreter=form.interpreter.data,
                         submission_key=form.submission_key.data)
    done, error = _attempt(form, work)
    if done:
        flash(_("%(name)s is summoned. The citizen sees the conversation in Min Plan.", name=citizen["name"]),
              "success")
        return redirect(_back(citizen["id"]))
    return render_template("conversations/caseworker/summon.html", form=form, citizen=citizen,
                           error=error), _status(error)


def _municipality_address() -> str | None:
    from .queries import municipality
    row = municipality(get_db(), current_user.municipality_id)
    return row["address"] if row else None


@bp.route("/borger/<int:citizen_id>/selvbooking", methods=["GET", "POST"])
def invitation(citizen_id):
    citizen = case_citizen()
    rules = service.rules_on(citizen, clock.now())
    if not booking.may_self_book(citizen, rules):
        return render_template("conversations/caseworker/invitation_closed.html", citizen=citizen)
    form = InvitationForm()
    form.kind.choices = [(k, str(labels.CONVERSATION_KINDS[k])) for k in rules.invitation_kinds]
    earliest = decisions.earliest_deadline(citizen, clock.today())
    if request.method == "GET":
        form.deadline.data = earliest
        form.window_start.data = clock.today() + timedelta(days=1)
        form.window_end.data = earliest + timedelta(days=14)
    done, error = _attempt(form, lambda: decisions.create_invitation(
        get_db(), caseworker=current_user, citizen=citizen, kind=form.kind.data, deadline=form.deadline.data,
        window_start=form.window_start.data, window_end=form.window_end.data, prepare=form.prepare.data,
        submission_key=form.submission_key.data))
    if done:
        flash(_("%(name)s is asked to book a conversation. The citizen sees it in Min Plan.", name=citizen["name"]),
              "success")
        return redirect(_back(citizen["id"]))
    return render_template("conversations/caseworker/invitation.html", form=form, citizen=citizen, rules=rules,
                           earliest=earliest, error=error), _status(error)


def _conversation_action(conversation_id: int, form, template: str, act, done_message: str, **extra):
    conv = _conversation(conversation_id)
    done, error = _attempt(form, lambda: act(conv))
    if done:
        flash(done_message, "success")
        return redirect(_back(conv["citizen_id"]))
    return render_template(template, form=form, conv=conv, error=error, **extra), _status(error)


@bp.route("/samtaler/<int:conversation_id>/afholdt", methods=["GET", "POST"])
def mark_held(conversation_id):
    form = HeldForm()
    return _conversation_action(
        conversation_id, form, "conversations/caseworker/held.html",
        lambda conv: decisions.mark_held(get_db(), caseworker=current_user, conversation_id=conv["id"],
                                         summary=form.summary.data, next_step=form.next_step.data,
                                         agreed=form.agreed()),
        _("The conversation is marked as held. The citizen sees the summary in Min Plan."))


@bp.route("/samtaler/<int:conversation_id>/udeblevet", methods=["GET", "POST"])
def mark_missed(conversation_id):
    return _conversation_action(
        conversation_id, ConfirmForm(), "conversations/caseworker/missed.html",
        lambda conv: decisions.mark_missed(get_db(), caseworker=current_user, conversation_id=conv["id"]),
        _("The conversation is marked as missed."))


@bp.route("/samtaler/<int:conversation_id>/fremmoede", methods=["GET", "POST"])
def require_in_person(conversation_id):
    form = InPersonForm()
    conv = _conversation(conversation_id)
    grounds = service.rules_on({"target_group": conv["target_group"]}, conv["starts_at"]).in_person_grounds
    form.ground.choices = [(k, labels.label(texts.IN_PERSON_GROUNDS, k)) for k in grounds]
    return _conversation_action(
        conversation_id, form, "conversations/caseworker/in_person.html",
        lambda conv: decisions.require_in_person(get_db(), caseworker=current_user, conversation_id=conv["id"],
                                                 ground=form.ground.data, note=form.note.data),
        _("Attendance in person is required for this conversation. The citizen sees your reason."))


@bp.route("/samtaler/<int:conversation_id>/aflys", methods=["GET", "POST"])
def cancel_by_jobcenter(conversation_id):
    form = JobcenterCancelForm()
    return _conversation_action(
        conversation_id, form, "conversations/caseworker/cancel.html",
        lambda conv: decisions.cancel_by_jobcenter(get_db(), caseworker=current_user, conversation_id=conv["id"],
                                                   reason=form.reason.data),
        _("The conversation is cancelled. The citizen sees your reason."))


@bp.route("/samtaler/<int:conversation_id>/tolk-bestilt", methods=["POST"])
def interpreter_ordered(conversation_id):
    conv = _conversation(conversation_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        decisions.interpreter_ordered(get_db(), caseworker=current_user, conversation_id=conv["id"])
    except service.ConversationError as refused:
        flash(str(refused.message), "error")
    else:
        flash(_("Noted: the interpreter is ordered."), "success")
    return redirect(url_for("caseworker.today") if request.form.get("next") == "today" else _back(conv["citizen_id"]))


@bp.route("/borger/<int:citizen_id>/selvbooking-fritagelse", methods=["GET", "POST"])
def self_booking_exemption(citizen_id):
    """Exempt a citizen from self-booking (they are then summoned), or clear the exemption. The
    form sits on the case page; this page shows it again when it failed."""
    citizen = case_citizen()
    rules = service.rules_on(citizen, clock.now())
    form = ExemptionForm()
    form.exempt_reason.choices = exemption_choices(rules)
    if request.method == "GET":
        form.exempt_reason.data = citizen.get("self_booking_exempt_reason") or ""
    error = None
    if form.validate_on_submit():
        try:
            reason = decisions.set_self_booking_exemption(get_db(), caseworker=current_user, citizen=citizen,
                                                          reason=form.exempt_reason.data or None)
        except service.NotFound:
            abort(404)
        except service.ConversationError as refused:
            error = show_error(form, refused)
        else:
            if reason:
                flash(_("%(name)s is exempted from self-booking: %(reason)s. Summon the citizen to conversations.",
                        name=citizen["name"], reason=labels.label(texts.EXEMPTION_REASONS, reason)), "success")
            else:
                flash(_("%(name)s is no longer exempted from self-booking.", name=citizen["name"]), "success")
            return redirect(_back(citizen["id"]))
    return render_template("conversations/caseworker/exemption.html", form=form, citizen=citizen, rules=rules,
                           error=error), _status(error)


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


@bp.route("/tider", methods=["GET", "POST"])
def times():
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
        return redirect(url_for("caseworker.conversations.times", uge=slots.week_start(form.day.data).isoformat()))
    return _slots_page(form, monday, status=400 if request.method == "POST" else 200)


@bp.route("/tider/<int:slot_id>/traek-tilbage", methods=["POST"])
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
    return redirect(url_for("caseworker.conversations.times", uge=request.args.get("uge")))


@bp.route("/anmodninger")
def requests():
    db = get_db()
    return render_template("conversations/caseworker/requests.html",
                           pending=cq.pending_requests(db, current_user.municipality_id),
                           decided=cq.decided_requests(db, current_user.municipality_id))


@bp.route("/anmodninger/<int:request_id>", methods=["GET", "POST"])
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
            return redirect(url_for("caseworker.conversations.requests"))
    status = 400 if request.method == "POST" else 200
    return render_template("conversations/caseworker/decide.html", req=req, conv=conv, form=form,
                           error=error), status
