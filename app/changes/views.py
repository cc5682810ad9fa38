"""The citizen's page: what changes for you on the next rule set's date (or what just changed), and
what changed with your new target group when a caseworker changed it."""
from flask import render_template
from flask_login import current_user

from ..auth.queries import citizen_by_id
from ..auth.users import citizen_required
from ..db import get_db
from . import bp, service


@bp.route("/min-plan/aendringer")
@citizen_required
def index():
    db = get_db()
    citizen = dict(citizen_by_id(db, current_user.id))
    return render_template("changes/index.html", change=service.for_citizen(citizen), citizen=citizen,
                           group_change=service.group_change_for(db, citizen))
