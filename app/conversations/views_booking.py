"""Self-booking and moving a booked time: the days with free published times, then that day's
times (?dag=YYYY-MM-DD; without JavaScript, by plain links), then the way of meeting, then the
receipt. When only one day has free times, its times are shown at once. Asking for an interpreter."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock, labels
from ..db import get_db
from ..rules import CHOICE
from ..auth.users import citizen_required
from . import booking, bp, queries, service
from ..phone import clean as clean_phone
from .forms import BookForm, InterpreterForm, format_choices
from .options import options_for
from .access import current_citizen, own_conversation, show_error


def _invitation(invitation_id: int) -> dict:
    inv = queries.invitation_for_citizen(get_db(), invitation_id, current_user.id)
    if inv is None:
        abort(404)
    return inv


def _slot(slot_id: int) -> dict:
    slot = queries.slot_in_municipality(get_db(), slot_id, current_citizen()["municipality_id"])
    if slot is None:
        abort(404)
    return slot


def _closed_invitation(inv: dict, state: str):
    """An invitation the citizen cannot book online (booked, expired, interpreter, withdrawn)."""
    if state == "booked" and inv["conversation_id"]:
        flash(_("You have already booked this conversation."), "info")
        return redirect(url_for("conversations.detail", conversation_id=inv["conversation_id"]))
    db = get_db()
    return render_template("conversations/book_closed.html", inv=inv, state=state,
                           municipality=queries.municipality(db, inv["municipality_id"]))


def _bookable_or_closed(inv: dict):
    citizen = current_citizen()
    state = booking.invitation_state(inv, clock.today())
    rules = service.rules_on(citizen, clock.now())
    if state != "open" or not booking.may_self_book(citizen, rules) or \
            booking.invitation_summoned(citizen, inv, clock.today()):
        return _closed_invitation(inv, state if state != "open" else "not_self_booking")
    return None


def _slot_page(days, **context):
    """Step one of choosing a time: the list of days, or the chosen day's times (the only day's at
    once). A day that is not a date is a 400; a day without free times (taken meanwhile, or never
    offered) shows the list of days again with a message."""
    choices = booking.day_choices(days)
    asked = request.args.get("dag")
    wanted = booking.parse_day(asked)
    chosen = booking.times_on(days, wanted) if wanted else (days[0] if len(choices) == 1 else None)
    status = 400 if asked is not None and wanted is None else 200
    return render_template("conversations/book_slots.html", choices=choices, chosen=chosen,
                           several_days=len(choices) > 1, day_gone=asked is not None and chosen is None,
                           taken=request.args.get("optaget") == "1", **context), status


def _day_of(slot: dict) -> str:
    return clock.local(clock.from_db(slot["starts_at"])).date().isoformat()


@bp.route("/samtaler/book/<int:invitation_id>")
@citizen_required
def book(invitation_id):
    inv = _invitation(invitation_id)
    closed = _bookable_or_closed(inv)
    if closed is not None:
        return closed
    days = booking.slots_for_invitation(get_db(), current_citizen(), inv)
    return _slot_page(days, inv=inv, mode="book")


@bp.route("/samtaler/book/<int:invitation_id>/tid/<int:slot_id>", methods=["GET", "POST"])
@citizen_required
def book_confirm(invitation_id, slot_id):
    db = get_db()
    citizen = current_citizen()
    inv = _invitation(invitation_id)
    # A POST goes to the service, which answers a repeated submit with the first booking.
    closed = _bookable_or_closed(inv) if request.method == "GET" else None
    if closed is not None:
        return closed
    slot = _slot(slot_id)
    policy = booking.invitation_policy(citizen, inv, slot)
    choices = booking.booking_formats(policy, slot)
    form = BookForm()
    form.format.choices = format_choices(choices, labels.FORMATS)
    if request.method == "GET":
        form.format.data = choices[0] if len(choices) == 1 else None
        form.phone_number.data = citizen.get("phone")
    error, status = None, (400 if request.method == "POST" else 200)
    if form.validate_on_submit():
        try:
            conv_id = booking.book(db, citizen=citizen, invitation_id=inv["id"], slot_id=slot["id"],
                                   fmt=form.format.data, phone_number=clean_phone(form.phone_number.data),
                                   submission_key=form.submission_key.data)
        except service.NotFound:
            abort(404)
        except service.SlotTaken as taken:
            error, status = str(taken.message), 409
        except service.ConversationError as refused:
            error = show_error(form, refused)
        else:
            return redirect(url_for("conversations.booking_receipt", conversation_id=conv_id))
    return render_template("conversations/book_confirm.html", form=form, inv=inv, slot=slot, mode="book",
                           choices=choices, format_kept=policy.mode != CHOICE, error=error, citizen=citizen,
                           back=url_for("conversations.book", invitation_id=inv["id"], dag=_day_of(slot))), status


@bp.route("/samtaler/<int:conversation_id>/flyt")
@citizen_required
def move(conversation_id):
    db = get_db()
    citizen = current_citizen()
    conv = own_conversation(conversation_id)
    opts = options_for(db, citizen, conv)
    if not opts.can_move:
        return render_template("conversations/move_closed.html", opts=opts, conv=conv,
                               municipality=queries.municipality(db, conv["municipality_id"]))
    days = booking.slots_for_move(db, citizen, conv)
    return _slot_page(days, conv=conv, mode="move")


@bp.route("/samtaler/<int:conversation_id>/flyt/<int:slot_id>", methods=["GET", "POST"])
@citizen_required
def move_confirm(conversation_id, slot_id):
    db = get_db()
    citizen = current_citizen()
    conv = own_conversation(conversation_id)
    if booking.move_blocker(db, citizen, conv):
        return redirect(url_for("conversations.move", conversation_id=conv["id"]))
    slot = _slot(slot_id)
    choices = booking.move_formats(citizen, conv, slot)
    form = BookForm()
    form.format.choices = format_choices(choices, labels.FORMATS)
    if request.method == "GET":
        form.format.data = conv["format"] if conv["format"] in choices else (choices[0] if len(choices) == 1 else None)
        form.phone_number.data = conv["phone_number"] or citizen.get("phone")
    error, status = None, (400 if request.method == "POST" else 200)
    if form.validate_on_submit():
        try:
            booking.move(db, citizen=citizen, conversation_id=conv["id"], slot_id=slot["id"], fmt=form.format.data,
                         phone_number=clean_phone(form.phone_number.data), submission_key=form.submission_key.data)
        except service.NotFound:
            abort(404)
        except service.SlotTaken as taken:
            error, status = str(taken.message), 409
        except service.ConversationError as refused:
            error = show_error(form, refused)
        else:
            return redirect(url_for("conversations.booking_receipt", conversation_id=conv["id"]))
    return render_template("conversations/book_confirm.html", form=form, conv=conv, slot=slot, mode="move",
                           choices=choices, format_kept=booking.format_kept_on_move(citizen, conv, slot),
                           error=error, citizen=citizen,
                           back=url_for("conversations.move", conversation_id=conv["id"], dag=_day_of(slot))), status


@bp.route("/samtaler/<int:conversation_id>/kvittering")
@citizen_required
def booking_receipt(conversation_id):
    conv = own_conversation(conversation_id)
    entry = queries.last_audit(get_db(), "conversation", conv["id"], ("conversation_booked", "conversation_rebooked"))
    if entry is None:
        abort(404)
    return render_template("conversations/booking_receipt.html", conv=conv, entry=entry,
                           opts=options_for(get_db(), current_citizen(), conv))


# ------------------------------------------------------------------ interpreter

def _interpreter_page(form, *, inv=None, conv=None, error=None, status=200):
    return render_template("conversations/interpreter.html", form=form, inv=inv, conv=conv, error=error), status


@bp.route("/samtaler/book/<int:invitation_id>/tolk", methods=["GET", "POST"])
@citizen_required
def interpreter_for_invitation(invitation_id):
    inv = _invitation(invitation_id)
    if inv["status"] != "open":
        return _closed_invitation(inv, booking.invitation_state(inv, clock.today()))
    form = InterpreterForm()
    if form.validate_on_submit():
        try:
            booking.ask_for_interpreter(get_db(), citizen=current_citizen(), invitation_id=inv["id"],
                                        language=form.language.data)
        except service.ConversationError as refused:
            return _interpreter_page(form, inv=inv, error=show_error(form, refused), status=400)
        flash(_("Thank you. The municipality books the time and orders an interpreter. You will get a summons."),
              "success")
        return redirect(url_for("conversations.index"))
    return _interpreter_page(form, inv=inv, status=400 if request.method == "POST" else 200)


@bp.route("/samtaler/<int:conversation_id>/tolk", methods=["GET", "POST"])
@citizen_required
def interpreter_for_conversation(conversation_id):
    conv = own_conversation(conversation_id)
    form = InterpreterForm()
    if request.method == "GET" and conv["interpreter"]:
        form.language.data = conv["interpreter"]
    if form.validate_on_submit():
        try:
            booking.ask_for_interpreter(get_db(), citizen=current_citizen(), conversation_id=conv["id"],
                                        language=form.language.data)
        except service.ConversationError as refused:
            return _interpreter_page(form, conv=conv, error=show_error(form, refused), status=400)
        flash(_("Thank you. The municipality orders an interpreter for your conversation."), "success")
        return redirect(url_for("conversations.detail", conversation_id=conv["id"]))
    return _interpreter_page(form, conv=conv, status=400 if request.method == "POST" else 200)
