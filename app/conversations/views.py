"""The citizen's conversation pages: the list, one conversation, format, cancellation, rating
and calendar files. Booking and moving are in views_booking.py; the caseworker's pages in
caseworker.py."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock, labels
from ..auth.users import citizen_required
from ..db import get_db
from ..errors import show_on_form
from ..idempotency import new_key
from ..phone import clean as clean_phone
from . import bp, booking, cancellation, ics, invitations, queries, service, texts
from .access import current_citizen, own_conversation, show_error
from .forms import CancelForm, FormatForm, RateForm, format_choices
from .options import options_for


@bp.record_once
def _template_globals(state):
    # Globals, not context: the macro files are imported without context.
    state.app.jinja_env.globals["conversation_texts"] = texts


# ------------------------------------------------------------------ list and detail

@bp.route("/samtaler")
@citizen_required
def index():
    db = get_db()
    citizen = current_citizen()
    now = clock.now()
    requests = queries.requests_for_citizen(db, citizen["id"])
    upcoming = [options_for(db, citizen, c, now, requests)
                for c in queries.upcoming_for_citizen(db, citizen["id"], clock.to_db(now))]
    past = [options_for(db, citizen, c, now, requests)
            for c in queries.past_for_citizen(db, citizen["id"], clock.to_db(now))]
    rules = service.rules_on(citizen, now)
    return render_template("conversations/index.html", citizen=citizen, upcoming=upcoming, past=past,
                           invitations=invitations.with_state(db, citizen, now), rules=rules,
                           municipality=queries.municipality(db, citizen["municipality_id"]),
                           may_self_book=booking.may_self_book(citizen, rules))


@bp.route("/samtaler/<int:conversation_id>")
@citizen_required
def detail(conversation_id):
    conv = own_conversation(conversation_id)
    opts = options_for(get_db(), current_citizen(), conv)
    return render_template("conversations/detail.html", opts=opts, conv=conv,
                           municipality=queries.municipality(get_db(), conv["municipality_id"]))


# ------------------------------------------------------------------ format

@bp.route("/samtaler/<int:conversation_id>/form", methods=["GET", "POST"])
@citizen_required
def change_format(conversation_id):
    db = get_db()
    citizen = current_citizen()
    conv = own_conversation(conversation_id)
    opts = options_for(db, citizen, conv)
    if not opts.can_change_format:
        return render_template("conversations/format_closed.html", opts=opts, conv=conv,
                               municipality=queries.municipality(db, conv["municipality_id"]))
    form = FormatForm()
    form.format.choices = format_choices(service.wishable_formats(citizen, conv), labels.FORMATS)
    if request.method == "GET":
        form.format.data = (opts.pending_request or {}).get("to_format") or conv["format"]
        form.phone_number.data = conv["phone_number"] or citizen.get("phone")
        form.submission_key.data = new_key()
    error = None
    if form.validate_on_submit():
        try:
            result = service.change_format(
                db, citizen=citizen, conversation_id=conv["id"], to_format=form.format.data,
                reason=form.reason.data, phone_number=clean_phone(form.phone_number.data),
                submission_key=form.submission_key.data or None, reason_required=True)
        except service.NotFound:
            abort(404)
        except service.ConversationError as refused:
            error = show_error(form, refused)
        else:
            if result.status == "requested":
                return redirect(url_for("conversations.format_receipt", conversation_id=conv["id"],
                                        request_id=result.request_id))
            if result.status == "changed":
                return redirect(url_for("conversations.format_changed", conversation_id=conv["id"]))
            if opts.pending_request:
                flash(_("Your request is withdrawn. The conversation stays as it is."), "success")
            else:
                flash(_("Nothing was changed. The conversation stays as it is."), "info")
            return redirect(url_for("conversations.detail", conversation_id=conv["id"]))
    status = 400 if request.method == "POST" else 200
    return render_template("conversations/change_format.html", form=form, opts=opts, conv=conv, error=error,
                           citizen=citizen), status


@bp.route("/samtaler/<int:conversation_id>/form/kvittering")
@citizen_required
def format_changed(conversation_id):
    """The receipt of a format the citizen changed at once, with the registered time."""
    conv = own_conversation(conversation_id)
    entry = queries.last_audit(get_db(), "conversation", conv["id"], ("conversation_format_changed",))
    if entry is None:
        abort(404)
    return render_template("conversations/format_changed.html", conv=conv, entry=entry,
                           opts=options_for(get_db(), current_citizen(), conv))


@bp.route("/samtaler/<int:conversation_id>/form/kvittering/<int:request_id>")
@citizen_required
def format_receipt(conversation_id, request_id):
    conv = own_conversation(conversation_id)
    req = queries.request_for_citizen(get_db(), request_id, current_user.id)
    if req is None or req["conversation_id"] != conv["id"]:
        abort(404)
    return render_template("conversations/format_receipt.html", conv=conv, req=req)


# ------------------------------------------------------------------ cancellation (afbud)

@bp.route("/samtaler/<int:conversation_id>/afbud", methods=["GET", "POST"])
@citizen_required
def cancel(conversation_id):
    db = get_db()
    citizen = current_citizen()
    conv = own_conversation(conversation_id)
    municipality = queries.municipality(db, conv["municipality_id"])
    rules = service.rules_on(citizen, conv["starts_at"])
    if conv["status"] == "cancelled_citizen":
        return redirect(url_for("conversations.cancel_receipt", conversation_id=conv["id"]))
    form = CancelForm()
    form.reason.choices = [(r, str(texts.CANCEL_REASONS[r])) for r in cancellation.REASONS]
    if not cancellation.can_cancel(citizen, conv):
        return render_template("conversations/cancel_closed.html", conv=conv, municipality=municipality)
    error = None
    if form.validate_on_submit():
        try:
            cancellation.cancel(db, citizen=citizen, conversation_id=conv["id"], reason=form.reason.data,
                                text=form.cancel_text.data, submission_key=form.submission_key.data)
        except service.NotFound:
            abort(404)
        except service.ConversationError as refused:
            error = show_error(form, refused)
        else:
            return redirect(url_for("conversations.cancel_receipt", conversation_id=conv["id"]))
    status = 400 if request.method == "POST" else 200
    code = service.absence_consequence(db, citizen, rules)
    return render_template("conversations/cancel.html", form=form, conv=conv, error=error, rules=rules,
                           cancel_until=cancellation.cancel_until(citizen, conv),
                           consequence=texts.absence_consequence(code), reasons_explained=code != "no_sanction_text",
                           lawful_text=texts.LAWFUL_REASON_TEXT, other_text=texts.OTHER_REASON_TEXT,
                           municipality=municipality), status


@bp.route("/samtaler/<int:conversation_id>/afbud/kvittering")
@citizen_required
def cancel_receipt(conversation_id):
    conv = own_conversation(conversation_id)
    if conv["status"] != "cancelled_citizen":
        abort(404)
    inv = queries.invitation_by_id(get_db(), conv["invitation_id"]) if conv["invitation_id"] else None
    rules = service.rules_on(current_citizen(), conv["starts_at"])
    return render_template("conversations/cancel_receipt.html", conv=conv, reason_text=texts.reason_text(conv["cancel_reason"]),
                           sick_report=texts.sick_report_text(conv["cancel_reason"], rules.sick_report),
                           invitation=inv if inv and inv["status"] == "open" else None)


# ------------------------------------------------------------------ rating

@bp.route("/samtaler/<int:conversation_id>/vurdering", methods=["GET", "POST"])
@citizen_required
def rate(conversation_id):
    conv = own_conversation(conversation_id)
    if conv["status"] != "held":
        abort(404)
    form = RateForm()
    error = None
    if conv["rated_at"] is not None and request.method == "POST":
        flash(_("You have already rated this conversation."), "info")
        return redirect(url_for("conversations.detail", conversation_id=conv["id"]))
    if form.validate_on_submit():
        try:
            cancellation.rate(get_db(), citizen=current_citizen(), conversation_id=conv["id"],
                              rating=int(form.rating.data), comment=form.comment.data)
        except service.ConversationError as refused:
            error = show_error(form, refused)
        else:
            flash(_("Thank you. Your rating is registered."), "success")
            return redirect(url_for("conversations.detail", conversation_id=conv["id"]))
    status = 400 if request.method == "POST" else 200
    return render_template("conversations/rate.html", form=form, conv=conv, error=error), status


# ------------------------------------------------------------------ calendar files

def _calendar(conversations, name: str, filename: str) -> Response:
    citizen = current_citizen()
    body = ics.calendar(conversations, jobcenter=citizen["jobcenter_name"], name=name,
                        link=lambda c: url_for("conversations.detail", conversation_id=c["id"], _external=True))
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/samtaler/<int:conversation_id>.ics")
@citizen_required
def calendar_file(conversation_id):
    conv = own_conversation(conversation_id)
    return _calendar([conv], _("Min Plan conversations"), f"samtale-{conv['id']}.ics")


@bp.route("/samtaler/kalender.ics")
@citizen_required
def calendar_feed():
    conversations = queries.all_for_citizen(get_db(), current_user.id)
    return _calendar(conversations, _("Min Plan conversations"), "min-plan-samtaler.ics")


