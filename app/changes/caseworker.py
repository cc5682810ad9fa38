"""The caseworker's rules page: every group x rule x set, with sources, and how many of the
municipality's citizens each coming change affects."""
from flask import Blueprint, render_template
from flask_login import current_user

from ..db import get_db
from . import service

bp = Blueprint("changes", __name__)


@bp.route("/regler")
def index():
    sets, rows = service.rules_table()
    return render_template("changes/rules.html", sets=sets, rows=rows,
                           affected=service.affected_in_municipality(get_db(), current_user.municipality_id))
