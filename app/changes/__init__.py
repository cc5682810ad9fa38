"""What changes for you: the difference between the rule set in force and the next one, for the
citizen's own group, from the rules data alone (app/rules/describe.py), and the caseworker's
table of every group x rule x rule set (/sagsbehandler/regler)."""
from flask import Blueprint

bp = Blueprint("changes", __name__)


@bp.record_once
def _filters(state):
    from ..labels import TARGET_GROUPS, label
    state.app.jinja_env.filters["target_group_label"] = lambda code: label(TARGET_GROUPS, code)

from . import panels, views  # noqa: E402,F401
