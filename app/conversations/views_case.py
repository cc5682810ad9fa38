"""The caseworker's actions on one citizen's conversations (linked from the case page's
conversations section): summon, ask to book before a deadline, exempt from self-booking, mark
held or missed, require attendance in person, cancel, and note an interpreter as ordered."""
from datetime import timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock, labels
from ..auth.users import caseworker_required
from ..caseworker.queries import citizen_in_municipality
from ..db import get_db
from ..rules import FORMATS, KINDS
from . import booking, bp, decisions, service, texts
from . import queries_caseworker as cq
from .forms import format_choices
from .forms_caseworker import (ConfirmForm, ExemptionForm, HeldForm, InPersonForm, InvitationForm,
                               JobcenterCancelForm, SummonForm, exemption_choices, parse_time)
from .views import show_error


def _citizen(citizen_id: int) -> dict:
    citizen = citizen_in_municipality(get_db(), citizen_id, current_user.municipality_id)
    if citizen is None:
        abort(404)
    return dict(citizen)


def _conversation(conversation_id: int) -> dict:
    conv = cq.conversation_in_municipality(get_db(), conversation_id, current_user.municipality_id)
    if conv is None:
        abort(404)
    return conv


def _back(citizen_id: int) -> str:
    return url_for("caseworker.citizen", citizen_id=citizen_id) + "#samtaler"


def _status(_error=None) -> int:
    """A page shown again after a POST is a form that failed."""
    return 400 if request.method == "POST" else 200


@bp.route("/sagsbehandler/borger/<int:citizen_id>/indkald", methods=["GET", "POST"])
@caseworker_required
def summon(citizen_id):
    citizen = _citizen(citizen_id)
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
    error = None
    if form.validate_on_submit():
        try:
            starts = service.typed_time(form.day.data, parse_time(form.start.data), form.occurrence.data)
            decisions.summon(get_db(), caseworker=current_user, citizen=citizen, starts=starts,
                             minutes=int(form.minutes.data), kind=form.kind.data, fmt=form.format.data,
                             location=form.location.data, phone_number=form.phone_number.data,
                             prepare=form.prepare.data, interpreter=form.interpreter.data,
                             submission_key=form.submission_key.data)
        except service.NotFound:
            abort(404)
        except service.ConversationError as refused:
            error = show_error(form, refused)
        else:
            flash(_("%(name)s is summoned. The citizen sees the conversation in Min Plan.", name=citizen["name"]),
                  "success")
            return redirect(_back(citizen["id"]))
    return render_template("conversations/caseworker/summon.html", form=form, citizen=citizen,
                           error=error), _status(error)


def _municipality_address() -> str | None:
    from .queries import municipality
    row = municipality(get_db(), current_user.municipality_id)
    return row["address"] if row else None


@bp.route("/sagsbehandler/borger/<int:citizen_id>/selvbooking", methods=["GET", "POST"])
@caseworker_required
def invitation(citizen_id):
    citizen = _citizen(citizen_id)
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
    error = None
    if form.validate_on_submit():
        try:
            decisions.create_invitation(get_db(), caseworker=current_user, citizen=citizen, kind=form.kind.data,
                                        deadline=form.deadline.data, window_start=form.window_start.data,
                                        window_end=form.window_end.data, prepare=form.prepare.data,
                                        submission_key=form.submission_key.data)
        except service.NotFound:
            abort(404)
        except service.ConversationError as refused:
            error = show_error(form, refused)
        else:
            flash(_("%(name)s is asked to book a conversation. The citizen sees it in Min Plan.", name=citizen["name"]),
                  "success")
            return redirect(_back(citizen["id"]))
    return render_template("conversations/caseworker/invitation.html", form=form, citizen=citizen, rules=rules,
                           earliest=earliest, error=error), _status(error)


def _conversation_action(conversation_id: int, form, template: str, act, done_message: str, **extra):
    conv = _conversation(conversation_id)
    error = None
    if form.validate_on_submit():
        try:
            act(conv)
        except service.NotFound:
            abort(404)
        except service.ConversationError as refused:
            error = show_error(form, refused)
        else:
            flash(done_message, "success")
            return redirect(_back(conv["citizen_id"]))
    return render_template(template, form=form, conv=conv, error=error, **extra), _status(error)


@bp.route("/sagsbehandler/samtaler/<int:conversation_id>/afholdt", methods=["GET", "POST"])
@caseworker_required
def mark_held(conversation_id):
    form = HeldForm()
    return _conversation_action(
        conversation_id, form, "conversations/caseworker/held.html",
        lambda conv: decisions.mark_held(get_db(), caseworker=current_user, conversation_id=conv["id"],
                                         summary=form.summary.data, next_step=form.next_step.data,
                                         agreed=form.agreed()),
        _("The conversation is marked as held. The citizen sees the summary in Min Plan."))


@bp.route("/sagsbehandler/samtaler/<int:conversation_id>/udeblevet", methods=["GET", "POST"])
@caseworker_required
def mark_missed(conversation_id):
    return _conversation_action(
        conversation_id, ConfirmForm(), "conversations/caseworker/missed.html",
        lambda conv: decisions.mark_missed(get_db(), caseworker=current_user, conversation_id=conv["id"]),
        _("The conversation is marked as missed."))


@bp.route("/sagsbehandler/samtaler/<int:conversation_id>/fremmoede", methods=["GET", "POST"])
@caseworker_required
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


@bp.route("/sagsbehandler/samtaler/<int:conversation_id>/aflys", methods=["GET", "POST"])
@caseworker_required
def cancel_by_jobcenter(conversation_id):
    form = JobcenterCancelForm()
    return _conversation_action(
        conversation_id, form, "conversations/caseworker/cancel.html",
        lambda conv: decisions.cancel_by_jobcenter(get_db(), caseworker=current_user, conversation_id=conv["id"],
                                                   reason=form.reason.data),
        _("The conversation is cancelled. The citizen sees your reason."))


@bp.route("/sagsbehandler/samtaler/<int:conversation_id>/tolk-bestilt", methods=["POST"])
@caseworker_required
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


@bp.route("/sagsbehandler/borger/<int:citizen_id>/selvbooking-fritagelse", methods=["GET", "POST"])
@caseworker_required
def self_booking_exemption(citizen_id):
    """Exempt a citizen from self-booking (they are then summoned), or clear the exemption. The
    form sits on the case page; this page shows it again when it failed."""
    citizen = _citizen(citizen_id)
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
