"""The caseworker's joblog routes: the municipality's joblogs at risk or missed, and one
citizen's joblog by period. Every citizen is looked up within the caseworker's municipality."""
from flask import Blueprint, render_template
from flask_login import current_user

from .. import clock
from ..caseworker.loader import case_citizen
from ..db import get_db
from ..urls import page_arg
from . import overview, service

PAGE_SIZE = 50

bp = Blueprint("joblog", __name__)


@bp.route("/joblog")
def index():
    page = page_arg()
    watches, total = overview.needing_attention(get_db(), current_user.municipality_id,
                                                offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return render_template("joblog/caseworker_overview.html", total=total, page=min(page, pages), pages=pages,
                           watches=watches)


@bp.route("/joblog/borger/<int:citizen_id>")
def citizen(citizen_id):
    db = get_db()
    citizen = case_citizen()
    today = clock.today()
    return render_template("joblog/caseworker_citizen.html", citizen=citizen,
                           requirement=service.requirement_for(db, citizen, today),
                           periods=service.history(db, citizen, today),
                           watch=overview.watch_for(db, citizen, today))
