from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.queries import citizen_by_id
from ..auth.users import citizen_required
from ..db import get_db
from . import bp, service, writing
from .forms import ConfirmReadForm


def _citizen():
    return dict(citizen_by_id(get_db(), current_user.id))


@bp.route("/min-plan")
@citizen_required
def index():
    db = get_db()
    citizen = _citizen()
    read = writing.visit(db, citizen["id"])
    return render_template("plan/index.html", view=service.build(db, citizen), read=read,
                           confirm_form=ConfirmReadForm(formdata=None))


@bp.route("/min-plan/laest", methods=["POST"])
@citizen_required
def confirm_read():
    form = ConfirmReadForm()
    if form.validate_on_submit():
        writing.confirm_read(get_db(), _citizen(), submission_key=form.submission_key.data)
        flash(_("Thank you. We have registered that you have read your plan."), "success")
    else:
        flash(str(form.submission_key.errors[0]) if form.submission_key.errors else _("Try again."), "error")
    return redirect(url_for("plan.index") + "#laest")


@bp.route("/min-plan/udskriv")
@citizen_required
def printable():
    db = get_db()
    return render_template("plan/print.html", view=service.build(db, _citizen()))
