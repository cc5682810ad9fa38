"""The caseworker's joblog routes: the municipality's joblogs at risk or missed, and one
citizen's joblog by period. Every citizen is looked up within the caseworker's municipality."""
from flask import abort, render_template
from flask_login import current_user

from .. import clock
from ..auth.users import caseworker_required
from ..db import get_db
from ..urls import page_arg
from . import bp, overview, queries, service

PAGE_SIZE = 50


@bp.route("/sagsbehandler/joblog")
@caseworker_required
def caseworker_overview():
    page = page_arg()
    watches, total = overview.needing_attention(get_db(), current_user.municipality_id,
                                                offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return render_template("joblog/caseworker_overview.html", total=total, page=min(page, pages), pages=pages,
                           watches=watches)


@bp.route("/sagsbehandler/joblog/borger/<int:citizen_id>")
@caseworker_required
def caseworker_citizen(citizen_id):
    db = get_db()
    citizen = queries.citizen_in_municipality(db, citizen_id, current_user.municipality_id)
    if citizen is None:
        abort(404)
    today = clock.today()
    return render_template("joblog/caseworker_citizen.html", citizen=citizen,
                           requirement=service.requirement_for(db, citizen, today),
                           periods=service.history(db, citizen, today),
                           watch=overview.watch_for(db, citizen, today))
