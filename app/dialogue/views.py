"""The citizen's side of the dialogue, beside the notices of /beskeder (app/notify/views.py):
/beskeder/ny starts a thread, /beskeder/traad/<id> shows one (and takes a new message),
/beskeder/traad/<id>/aaben reopens it, /beskeder/traad/<id>/bilag/<id> downloads a file."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from .. import clock
from ..auth.queries import citizen_by_id
from ..auth.users import citizen_required
from ..contact import Contact
from ..db import get_db
from . import bp, files, queries, service
from .forms import ActionForm, NewThreadForm, WriteForm
from .serve import download


def _citizen() -> dict:
    return dict(citizen_by_id(get_db(), current_user.id))


def _thread_or_404(db, thread_id: int) -> dict:
    # Another citizen's thread is "not found": we do not confirm it exists.
    thread = queries.thread_for_citizen(db, thread_id, current_user.id)
    if thread is None:
        abort(404)
    return thread


@bp.route("/beskeder/ny", methods=["GET", "POST"])
@citizen_required
def new_thread():
    db = get_db()
    citizen = _citizen()
    form = NewThreadForm()
    choices = [("", _("Nothing in particular"))] + service.about_choices(db, citizen)
    form.about.choices = [SelectChoice(value, text) for value, text in choices]
    if request.method == "GET" and request.args.get("om") in dict(choices):
        form.about.data = request.args["om"]
    if request.method == "POST":
        valid = form.validate_on_submit()
        checked = files.checked_attachments(form)
        if valid and checked is not None:
            result = service.start_thread(db, citizen, subject=form.subject.data, about=form.about.data or None,
                                          body=form.body.data, checked=checked, key=form.submission_key.data)
            flash(_("Your message is sent."), "success")
            return redirect(url_for("dialogue.thread", thread_id=result["thread_id"], sendt=1))
    status = 400 if request.method == "POST" else 200
    return render_template("dialogue/new.html", form=form, contact=Contact.of_citizen(citizen)), status


@bp.route("/beskeder/traad/<int:thread_id>", methods=["GET", "POST"])
@citizen_required
def thread(thread_id):
    db = get_db()
    thread = _thread_or_404(db, thread_id)
    citizen = _citizen()
    form = WriteForm()
    if request.method == "POST":
        valid = form.validate_on_submit()
        checked = files.checked_attachments(form)
        if valid and checked is not None:
            service.write(db, citizen, thread, body=form.body.data, checked=checked, key=form.submission_key.data)
            flash(_("Your message is sent."), "success")
            return redirect(url_for("dialogue.thread", thread_id=thread_id, sendt=1))
    view = service.open_thread(db, thread, "citizen")
    status = 400 if request.method == "POST" else 200
    contact = Contact.of_citizen(citizen)
    return render_template("dialogue/thread.html", view=view, form=form, action=ActionForm(),
                           sent=request.args.get("sendt") == "1" and view.messages, contact=contact,
                           answer_by=contact.answer_by(clock.today())), status


@bp.route("/beskeder/traad/<int:thread_id>/aaben", methods=["POST"])
@citizen_required
def reopen(thread_id):
    db = get_db()
    thread = _thread_or_404(db, thread_id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    service.reopen(db, _citizen(), thread, key=form.submission_key.data)
    flash(_("The thread is open again. Write what you need, and the municipality will answer."), "success")
    return redirect(url_for("dialogue.thread", thread_id=thread_id) + "#skriv")


@bp.route("/beskeder/traad/<int:thread_id>/bilag/<int:attachment_id>")
@citizen_required
def attachment(thread_id, attachment_id):
    db = get_db()
    thread = _thread_or_404(db, thread_id)
    return download(db, thread, attachment_id, actor_type="citizen", actor_id=current_user.id)
