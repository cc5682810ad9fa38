from flask import render_template
from flask_login import current_user

from ..auth.queries import citizen_by_id
from ..auth.users import citizen_required
from ..db import get_db
from . import bp, service


def _view():
    db = get_db()
    return service.build(db, dict(citizen_by_id(db, current_user.id)))


@bp.route("/min-plan")
@citizen_required
def index():
    return render_template("plan/index.html", view=_view())


@bp.route("/min-plan/udskriv")
@citizen_required
def printable():
    return render_template("plan/print.html", view=_view())
