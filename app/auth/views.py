import math
from urllib.parse import urlsplit

from flask import (abort, current_app, flash, redirect, render_template, request, session,
                   url_for)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_user, logout_user

from .. import audit, clock
from ..db import get_db, transaction
from ..i18n import LANG_COOKIE
from . import bp, providers, queries, service
from .forms import CaseworkerLoginForm, DevLoginForm, LogoutForm
from .users import CaseworkerUser, CitizenUser


def _safe_next(target: str | None, default: str) -> str:
    """Only same-site paths: an open redirect would let a phishing link borrow our name."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def _minutes(span) -> int:
    """A configured span in whole minutes for a message, rounded up and at least one."""
    return max(math.ceil(span.total_seconds() / 60), 1)


def _start_session(user):
    lang = session.get("lang")
    session.clear()  # a fresh session on login: no fixation
    if lang:
        session["lang"] = lang
    login_user(user)
    session["seen"] = clock.now().timestamp()


def _remember_language(db, user, code: str | None) -> None:
    """The language a citizen reads Min Plan in is their language: messages and reminders follow it."""
    if not code or code == user.preferred_language:
        return
    with transaction(db):
        queries.set_preferred_language(db, user.id, code, clock.to_db(clock.now()))
        audit.record(db, actor_type="citizen", actor_id=user.id, action="set_language", entity="citizen",
                     entity_id=user.id, citizen_id=user.id, municipality_id=user.municipality_id,
                     before={"preferred_language": user.preferred_language}, after={"preferred_language": code})
    user.preferred_language = code


@bp.before_app_request
def enforce_idle_timeout():
    if request.endpoint in (None, "static"):
        return None
    if not current_user.is_authenticated:
        return None
    if service.session_expired(session.get("seen")):
        kind = current_user.kind
        logout_user()
        lang = session.get("lang")
        session.clear()
        if lang:
            session["lang"] = lang
        minutes = _minutes(current_app.config["IDLE_TIMEOUT"])
        flash(ngettext("You were logged out because you had not been active for %(num)s minute. Your data is safe; log in again to continue.",
                       "You were logged out because you had not been active for %(num)s minutes. Your data is safe; log in again to continue.",
                       minutes), "info")
        return redirect(url_for("auth.login" if kind == "citizen" else "auth.caseworker_login"))
    session["seen"] = clock.now().timestamp()
    return None


@bp.route("/log-ind")
def login():
    if current_user.is_authenticated:
        return redirect(url_for("plan.index" if current_user.kind == "citizen" else "caseworker.today"))
    return render_template("auth/login.html", provider=providers.provider())


@bp.route("/log-ind/mitid", methods=["GET", "POST"])
def dev_login():
    provider = providers.provider()
    if provider is None:
        abort(404)
    db = get_db()
    form = DevLoginForm()
    choices = provider.choices(db)
    form.citizen.choices = [(row["id"], row["name"]) for row in choices]
    if form.validate_on_submit():
        citizen_id = provider.citizen_for(db, form.citizen.data)
        if citizen_id is None:
            abort(400)
        user = CitizenUser(queries.citizen_by_id(db, citizen_id))
        _start_session(user)
        _remember_language(db, user, session.get("lang"))
        audit.record(db, actor_type="citizen", actor_id=user.id, action="login", entity="citizen",
                     entity_id=user.id, citizen_id=user.id, municipality_id=user.municipality_id,
                     after={"provider": provider.key})
        return redirect(_safe_next(request.args.get("next"), url_for("plan.index")))
    return render_template("auth/dev_login.html", form=form, citizens=choices)


@bp.route("/log-ind/medarbejder", methods=["GET", "POST"])
def caseworker_login():
    form = CaseworkerLoginForm()
    error = None
    status = 200
    if form.validate_on_submit():
        db = get_db()
        try:
            row = service.authenticate_caseworker(db, form.email.data, form.password.data, request.remote_addr)
        except service.TooManyAttempts:
            # The lock lasts at most the failure window: the oldest failure counted then drops out of it.
            minutes = _minutes(current_app.config["LOGIN_FAILURE_WINDOW"])
            error = ngettext("Too many failed attempts. Wait %(num)s minute and try again, or contact your IT support.",
                             "Too many failed attempts. Wait %(num)s minutes and try again, or contact your IT support.",
                             minutes)
            status = 429
        except service.LoginRefused:
            error = _("The e-mail or the password is wrong.")
            status = 401
        else:
            _start_session(CaseworkerUser(queries.caseworker_by_id(db, row["id"])))
            return redirect(_safe_next(request.args.get("next"), url_for("caseworker.today")))
        form.password.data = ""
    return render_template("auth/caseworker_login.html", form=form, error=error), status


@bp.route("/log-af", methods=["POST"])
def logout():
    form = LogoutForm()
    if not form.validate_on_submit():
        abort(400)
    kind = current_user.kind if current_user.is_authenticated else "citizen"
    logout_user()
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    flash(_("You are logged out."), "success")
    return redirect(url_for("auth.login" if kind == "citizen" else "auth.caseworker_login"))


@bp.route("/session/forny", methods=["POST"])
def keep_alive():
    """Called by the session-timeout dialog's 'Stay logged in'; the request itself renews."""
    if not current_user.is_authenticated:
        return {"ok": False}, 401
    return {"ok": True, "idle_seconds": int(current_app.config["IDLE_TIMEOUT"].total_seconds())}


@bp.route("/sprog/<code>")
def set_language(code):
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = code
    if current_user.is_authenticated and current_user.kind == "citizen":
        _remember_language(get_db(), current_user, code)
    response = redirect(_safe_next(request.args.get("next"), url_for("plan.index")))
    response.set_cookie(LANG_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax",
                        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")), httponly=True)
    return response
