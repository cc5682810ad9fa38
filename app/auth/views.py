import math
import unicodedata
from datetime import timedelta
from urllib.parse import urlsplit

from flask import (abort, current_app, flash, g, redirect, render_template, request, session,
                   url_for)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, logout_user

from .. import audit, clock
from ..db import get_db, transaction
from ..i18n import LANG_COOKIE
from ..security import BARE_ENDPOINTS
from ..urls import SQLITE_INTEGER_MAX, page_arg
from . import bp, providers, queries, service, sessions
from .forms import CaseworkerLoginForm, DevCitizenSearchForm, DevLoginForm, LogoutForm
from .users import CaseworkerUser, CitizenUser, become


def _safe_next(target: str | None, default: str) -> str:
    """Only same-site paths: an open redirect would let a phishing link borrow our name. No
    control characters either: a line break would split the Location header (werkzeug refuses
    it, a 500), and browsers drop tabs and line breaks, so `/<TAB>/evil.example` would become
    `//evil.example`; a backslash they read as a slash (`/\\evil.example`)."""
    if not target:
        return default
    if any(char == "\\" or unicodedata.category(char) == "Cc" for char in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


def _whole(span: timedelta, unit: timedelta) -> int:
    """A configured span in whole units for a message, rounded up and at least one."""
    return max(math.ceil(span / unit), 1)


def _forget_login() -> None:
    """Empty the cookie's session but keep the language the visitor chose."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


def _start_session(user):
    db = get_db()
    previous = session.get(sessions.COOKIE_KEY)
    if previous:
        sessions.end(db, previous)  # logging in again replaces the session this browser had
    _forget_login()  # a fresh session on login: no fixation
    session[sessions.COOKIE_KEY] = sessions.start(db, user.kind, user.id)
    become(user)


LOGIN_ENDPOINTS = ("auth.dev_login", "auth.caseworker_login")


def _login_page(kind: str) -> str:
    return url_for("auth.login" if kind == "citizen" else "auth.caseworker_login")


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
def enforce_session():
    """Every request but static files and bare endpoints (/healthz) checks the server-side session
    the cookie names (the request loader in app/auth/users.py does the checking and renews its last
    use)."""
    if request.endpoint == "static" or request.endpoint in BARE_ENDPOINTS or sessions.COOKIE_KEY not in session:
        return None
    if current_user.is_authenticated:
        return None
    # The cookie names a session that has ended, now or before: forget it.
    ended = g.pop("session_ended", None)
    _forget_login()
    if ended is None or (request.method == "POST" and request.endpoint in LOGIN_ENDPOINTS):
        # Ended earlier (another tab was told why), or the user is logging in again right now:
        # the page's own guard decides, and a login form posted after the session ended logs in.
        return None
    config = current_app.config
    if ended.reason == "idle":
        minutes = _whole(config["IDLE_TIMEOUT"], timedelta(minutes=1))
        flash(ngettext("You were logged out because you had not been active for %(num)s minute. Your data is safe; log in again to continue.",
                       "You were logged out because you had not been active for %(num)s minutes. Your data is safe; log in again to continue.",
                       minutes), "info")
    elif ended.reason == "lifetime":
        hours = _whole(config["SESSION_ABSOLUTE_LIFETIME"], timedelta(hours=1))
        flash(ngettext("You were logged out because you had been logged in for %(num)s hour. Your data is safe; log in again to continue.",
                       "You were logged out because you had been logged in for %(num)s hours. Your data is safe; log in again to continue.",
                       hours), "info")
    else:
        flash(_("You are logged out."), "info")
    return redirect(_login_page(ended.kind))


@bp.route("/log-ind")
def login():
    if current_user.is_authenticated:
        return redirect(url_for("plan.index" if current_user.kind == "citizen" else "caseworker.today"))
    return render_template("auth/login.html", provider=providers.provider())


DEV_LOGIN_PAGE_SIZE = 20


@bp.route("/log-ind/mitid", methods=["GET", "POST"])
def dev_login():
    provider = providers.provider()
    if provider is None:
        abort(404)
    db = get_db()
    # A search by name, a page at a time: a municipality has far too many citizens for one page.
    search = DevCitizenSearchForm(request.args)
    text = (search.q.data or "").strip() if search.validate() else ""
    page = page_arg()
    if text:
        citizens, total = provider.search(db, text, limit=DEV_LOGIN_PAGE_SIZE, offset=(page - 1) * DEV_LOGIN_PAGE_SIZE)
    else:
        citizens, total, page = provider.demo_citizens(db, limit=DEV_LOGIN_PAGE_SIZE), None, 1
    form = DevLoginForm()
    form.citizen.choices = [(row["id"], row["name"]) for row in citizens]
    if request.method == "POST":
        # Any test citizen may be chosen (the list shown is only a page of them).
        posted = request.form.get("citizen", type=int)
        if posted is not None and posted not in {row["id"] for row in citizens}:
            if not 0 < posted <= SQLITE_INTEGER_MAX or provider.citizen_for(db, posted) is None:
                abort(400)
            form.citizen.choices.append((posted, ""))
    if form.validate_on_submit():
        citizen_id = provider.citizen_for(db, form.citizen.data)
        user = CitizenUser(queries.citizen_by_id(db, citizen_id))
        _start_session(user)
        _remember_language(db, user, session.get("lang"))
        audit.record(db, actor_type="citizen", actor_id=user.id, action="login", entity="citizen",
                     entity_id=user.id, citizen_id=user.id, municipality_id=user.municipality_id,
                     after={"provider": provider.key})
        return redirect(_safe_next(request.args.get("next"), url_for("plan.index")))
    pages = max((total + DEV_LOGIN_PAGE_SIZE - 1) // DEV_LOGIN_PAGE_SIZE, 1) if total is not None else 1
    return render_template("auth/dev_login.html", form=form, search=search, citizens=citizens, query=text,
                           total=total, page=min(page, pages), pages=pages)


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
            minutes = _whole(current_app.config["LOGIN_FAILURE_WINDOW"], timedelta(minutes=1))
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
    token = session.get(sessions.COOKIE_KEY)
    if token:
        sessions.end(get_db(), token)  # ended for every copy of the cookie, not only this one
    logout_user()
    _forget_login()
    flash(_("You are logged out."), "success")
    return redirect(_login_page(kind))


@bp.route("/session/forny", methods=["POST"])
def keep_alive():
    """Called by the session-timeout dialog's 'Stay logged in'; the request itself renews."""
    if not current_user.is_authenticated:
        return {"ok": False}, 401
    return {"ok": True, "idle_seconds": int(current_app.config["IDLE_TIMEOUT"].total_seconds())}


@bp.route("/sprog/<code>", methods=["GET", "POST"])
def set_language(code):
    """The footer's language switcher posts here (a form with its CSRF token): the pages change
    language, and a logged-in citizen's stored language with them (messages and reminders
    follow it). A GET, from an old link or another page's redirect, only changes the language
    the pages are shown in: a GET never writes to the database."""
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = code
    if request.method == "POST" and current_user.is_authenticated and current_user.kind == "citizen":
        _remember_language(get_db(), current_user, code)
    target = request.form.get("next") if request.method == "POST" else None
    response = redirect(_safe_next(target or request.args.get("next"), url_for("plan.index")))
    response.set_cookie(LANG_COOKIE, code, max_age=365 * 24 * 3600, samesite="Lax",
                        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")), httponly=True)
    return response
