"""The two kinds of user Flask-Login knows, and the guards views use."""
from functools import wraps

from flask import abort
from flask_login import UserMixin, current_user, login_required

from ..db import get_db
from ..extensions import login_manager
from . import queries


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

    def get_id(self):
        return f"caseworker:{self.id}"


@login_manager.user_loader
def load_user(user_id: str):
    kind, _, raw_id = user_id.partition(":")
    if not raw_id.isdigit():
        return None
    db = get_db()
    if kind == "citizen":
        row = queries.citizen_by_id(db, int(raw_id))
        return CitizenUser(row) if row else None
    if kind == "caseworker":
        row = queries.caseworker_by_id(db, int(raw_id))
        return CaseworkerUser(row) if row else None
    return None


def _require(kind):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.kind != kind:
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator


citizen_required = _require("citizen")
caseworker_required = _require("caseworker")
