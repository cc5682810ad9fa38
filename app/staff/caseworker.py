from flask import Blueprint, abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import idempotency
from ..auth import sessions
from ..auth.users import administrator_required
from ..db import get_db
from ..errors import show_on_form
from . import queries, service
from .forms import CreateStaffForm, OwnPasswordForm, RoleForm, SetPasswordForm, ToggleForm

bp = Blueprint("staff", __name__)


def _member_or_404(staff_id: int) -> dict:
    # Another municipality's staff member is "not found": we do not confirm they exist.
    member = queries.staff_member(get_db(), staff_id, current_user.municipality_id)
    if member is None:
        abort(404)
    return member


def _refused(form, refused: service.StaffError, default: str) -> None:
    show_on_form(form, refused, default=default)


def _list_page(form, status=200):
    db = get_db()
    staff = queries.staff_of(db, current_user.municipality_id)
    keys = {member["id"]: idempotency.new_key() for member in staff}
    role_keys = {member["id"]: idempotency.new_key() for member in staff}
    return render_template("staff/index.html", staff=staff, form=form, keys=keys, role_keys=role_keys), status


@bp.route("/medarbejdere", methods=["GET", "POST"])
@administrator_required
def index():
    """The municipality's staff, and a new account (POST)."""
    form = CreateStaffForm()
    if form.validate_on_submit():
        try:
            service.create(get_db(), current_user, name=form.name.data, email=form.email.data, role=form.role.data,
                           password=form.password.data, submission_key=form.submission_key.data)
        except service.StaffError as refused:
            _refused(form, refused, "name")
        else:
            flash(_("The account for %(name)s is created. Give them the initial password in person or by phone, "
                    "not by e-mail.", name=form.name.data.strip()), "success")
            return redirect(url_for("caseworker.staff.index") + "#medarbejdere")
    elif not form.is_submitted():
        return _list_page(form)
    form.password.data = ""
    return _list_page(form, 400)


def _toggle(staff_id: int, active: bool):
    member = _member_or_404(staff_id)
    form = ToggleForm()
    if not form.validate_on_submit():
        flash(str(idempotency.SUBMISSION_KEY_MESSAGE), "error")
        return redirect(url_for("caseworker.staff.index"))
    try:
        service.set_active(get_db(), current_user, member, active=active, submission_key=form.submission_key.data)
    except service.StaffError as refused:
        flash(str(refused.message), "error")
        return redirect(url_for("caseworker.staff.index"))
    if active:
        flash(_("The account for %(name)s is enabled again. They can log in with their password.",
                name=member["name"]), "success")
    else:
        flash(_("The account for %(name)s is disabled. They are logged out now and cannot log in.",
                name=member["name"]), "success")
    return redirect(url_for("caseworker.staff.index") + f"#medarbejder-{member['id']}")


@bp.route("/medarbejdere/<int:staff_id>/deaktiver", methods=["POST"])
@administrator_required
def disable(staff_id):
    return _toggle(staff_id, False)


@bp.route("/medarbejdere/<int:staff_id>/genaktiver", methods=["POST"])
@administrator_required
def enable(staff_id):
    return _toggle(staff_id, True)


@bp.route("/medarbejdere/<int:staff_id>/rolle", methods=["POST"])
@administrator_required
def set_role(staff_id):
    member = _member_or_404(staff_id)
    form = RoleForm()
    if not form.validate_on_submit():
        message = form.role.errors[0] if form.role.errors else idempotency.SUBMISSION_KEY_MESSAGE
        flash(str(message), "error")
        return redirect(url_for("caseworker.staff.index") + f"#medarbejder-{member['id']}")
    role = form.role.data
    try:
        service.set_role(get_db(), current_user, member, role=role, submission_key=form.submission_key.data)
    except service.StaffError as refused:
        flash(str(refused.message), "error")
        return redirect(url_for("caseworker.staff.index") + f"#medarbejder-{member['id']}")
    if member["id"] == current_user.id and role != "administrator":
        # The staff page is for administrators only: the receipt goes where a caseworker may go.
        flash(_("You are now a caseworker. The other administrators manage the staff accounts."), "success")
        return redirect(url_for("caseworker.today"))
    if role == "administrator":
        flash(_("%(name)s is now an administrator and can create and change staff accounts.",
                name=member["name"]), "success")
    else:
        flash(_("%(name)s is now a caseworker and can no longer manage the staff accounts.",
                name=member["name"]), "success")
    return redirect(url_for("caseworker.staff.index") + f"#medarbejder-{member['id']}")


@bp.route("/medarbejdere/<int:staff_id>/adgangskode", methods=["GET", "POST"])
@administrator_required
def set_password(staff_id):
    member = _member_or_404(staff_id)
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            service.set_password(get_db(), current_user, member, password=form.password.data, repeat=form.repeat.data,
                                 submission_key=form.submission_key.data)
        except service.StaffError as refused:
            _refused(form, refused, "password")
        else:
            flash(_("The new password for %(name)s is set. They are logged out everywhere and log in with "
                    "the new password.", name=member["name"]), "success")
            return redirect(url_for("caseworker.staff.index") + f"#medarbejder-{member['id']}")
    form.password.data = form.repeat.data = ""
    return render_template("staff/set_password.html", member=member, form=form), 400 if form.is_submitted() else 200


@bp.route("/adgangskode", methods=["GET", "POST"])
def own_password():
    form = OwnPasswordForm()
    if form.validate_on_submit():
        try:
            service.change_own_password(get_db(), current_user, current=form.current.data, password=form.password.data,
                                        repeat=form.repeat.data, submission_key=form.submission_key.data,
                                        keep_token=session.get(sessions.COOKIE_KEY))
        except service.StaffError as refused:
            _refused(form, refused, "password")
        else:
            flash(_("Your password is changed. You are still logged in here; anywhere else you log in again "
                    "with the new password."), "success")
            return redirect(url_for("caseworker.staff.own_password"))
    form.current.data = form.password.data = form.repeat.data = ""
    return render_template("staff/own_password.html", form=form), 400 if form.is_submitted() else 200
