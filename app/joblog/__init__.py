"""Joblog: the citizen's job search against the deadlines that apply."""
from flask import Blueprint

bp = Blueprint("joblog", __name__)


@bp.record_once
def _template_globals(state):
    # Globals, so imported macro files (without context) see the joblog's labels too.
    from . import labels
    state.app.jinja_env.globals.update(joblog_labels=labels, period_name=labels.period_name)


# Register routes, the Min Plan action and the caseworker's panels.
from . import actions, panels, views  # noqa: E402,F401
