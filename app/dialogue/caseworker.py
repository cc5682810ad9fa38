"""The caseworker's side of the dialogue: the municipality's queue (/sagsbehandler/beskeder,
the longest waiting first), a thread with the answer form, closing it, and the attachments.
Another municipality's thread is "not found"."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import clock
from ..contact import Contact
from ..db import get_db
from . import files, queries, service
from .forms import ActionForm, AnswerForm
from .serve import download

bp = Blueprint("dialogue", __name__)


def _thread_or_404(db, thread_id: int) -> dict:
    thread = queries.thread_in_municipality(db, thread_id, current_user.municipality_id)
    if thread is None:
        abort(404)
    return thread


@bp.route("/beskeder")
def index():
    db = get_db()
    threads = queries.queue(db, current_user.municipality_id)
    contact = Contact.of_municipality(queries.municipality(db, current_user.municipality_id))
    today = clock.today()
    waiting = []
    for t in threads:
        if t["status"] == "open" and t["waiting_since"]:
            answer_by = contact.answer_by(clock.local(clock.from_db(t["waiting_since"])).date())
            waiting.append({**t, "answer_by": answer_by, "overdue": today > answer_by})
    others = [t for t in threads if not (t["status"] == "open" and t["waiting_since"])]
    return render_template("dialogue/caseworker_queue.html", waiting=waiting, others=others, contact=contact)


@bp.route("/beskeder/<int:thread_id>", methods=["GET", "POST"])
def thread(thread_id):
    db = get_db()
    thread = _thread_or_404(db, thread_id)
    form = AnswerForm()
    if request.method == "POST":
        if thread["status"] != "open":
            flash(_("The thread is closed. The citizen can open it again."), "info")
            return redirect(url_for("caseworker.dialogue.thread", thread_id=thread_id))
        valid = form.validate_on_submit()
        checked = files.checked_attachments(form)
        if valid and checked is not None:
            service.answer(db, current_user, thread, body=form.body.data, checked=checked,
                           key=form.submission_key.data, close=bool(form.close.data))
            flash(_("Your answer is sent. The citizen is told there is an answer in Min Plan."), "success")
            return redirect(url_for("caseworker.dialogue.thread", thread_id=thread_id))
    view = service.open_thread(db, thread, "municipality")
    status = 400 if request.method == "POST" else 200
    return render_template("dialogue/caseworker_thread.html", view=view, form=form, action=ActionForm()), status


@bp.route("/beskeder/<int:thread_id>/luk", methods=["POST"])
def close(thread_id):
    db = get_db()
    thread = _thread_or_404(db, thread_id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    service.close(db, current_user, thread, key=form.submission_key.data)
    flash(_("The thread is closed. The citizen can open it again if they need to."), "success")
    return redirect(url_for("caseworker.dialogue.index"))


@bp.route("/beskeder/<int:thread_id>/bilag/<int:attachment_id>")
def attachment(thread_id, attachment_id):
    db = get_db()
    thread = _thread_or_404(db, thread_id)
    return download(db, thread, attachment_id, actor_type="caseworker", actor_id=current_user.id)
