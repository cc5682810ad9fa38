"""The two kinds of user Flask-Login knows, and the guards views use."""
from functools import wraps

from flask import abort, flash, g, redirect, request, session
from flask_login import UserMixin, current_user, login_required
from flask_login.utils import login_url

from ..db import get_db
from ..extensions import login_manager
from . import sessions


class CitizenUser(UserMixin):
    kind = "citizen"

    def __init__(self, row):
        self.row = dict(row)
        self.id = row["id"]
        self.name = row["name"]
        self.municipality_id = row["municipality_id"]
        self.preferred_language = row["preferred_language"]

    def get_id(self):
        return f"citizen:{self.id}"


class CaseworkerUser(UserMixin):
    kind = "caseworker"

    def __init__(self, row):
        self.row = dict(row)
        self.id = row["id"]
        self.name = row["name"]
        self.municipality_id = row["municipality_id"]
        self.preferred_language = None
        self.role = self.row.get("role") or "caseworker"

    @property
    def is_administrator(self) -> bool:
        return self.role == "administrator"

    def get_id(self):
        return f"caseworker:{self.id}"


# Flask-Login's own session protection (a hash of address and browser in the cookie) is off: the
# server-side session is what ends a login, and a phone changes address all the time.
login_manager.session_protection = None


@login_manager.request_loader
def load_user_from_session(_request):
    """The user of the server-side session the cookie names, checked (and its last use renewed)
    once per request; None when there is none. Flask-Login keeps no user id in the cookie: we
    never call login_user, so the cookie's only claim is the session id."""
    token = session.get(sessions.COOKIE_KEY)
    if not token:
        return None
    outcome = sessions.resume(get_db(), token)
    if isinstance(outcome, sessions.Ended):
        g.session_ended = outcome  # the views tell the user why (app/auth/views.py)
        return None
    if outcome is None:
        return None
    return CitizenUser(outcome.row) if outcome.kind == "citizen" else CaseworkerUser(outcome.row)


def become(user) -> None:
    """Make `user` this request's user right after a login, without writing its id in the cookie
    (what login_user would do); Flask-Login's own setter."""
    login_manager._update_request_context_with_user(user)


def to_caseworker_login():
    """A logged-out user of a caseworker page goes to the caseworker login, not the citizens'
    MitID login, whichever area's blueprint the page belongs to."""
    flash(str(login_manager.login_message), login_manager.login_message_category)
    return redirect(login_url("auth.caseworker_login", request.url))


def _require(kind):
    def decorator(view):
        @wraps(view)
        @login_required
        def guarded(*args, **kwargs):
            if current_user.kind != kind:
                abort(403)
            return view(*args, **kwargs)

        @wraps(view)
        def wrapped(*args, **kwargs):
            if kind == "caseworker" and not current_user.is_authenticated and request.method != "OPTIONS":
                return to_caseworker_login()
            return guarded(*args, **kwargs)
        return wrapped
    return decorator


citizen_required = _require("citizen")
caseworker_required = _require("caseworker")


def administrator_required(view):
    """A page for a municipality's administrators: anyone else logged in as a caseworker gets 403."""
    @wraps(view)
    def admin_only(*args, **kwargs):
        if not current_user.is_administrator:
            abort(403)
        return view(*args, **kwargs)
    return caseworker_required(admin_only)
