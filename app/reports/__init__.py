"""The citizen's own reports on Min Plan: sick from a date, fit again, holiday (issue 11).

The rules of the citizen's group decide who may report what (Rules.reports); the texts say what
each report means for the benefit. The caseworker sees the reports on "I dag" and the case page."""
from flask import Blueprint

bp = Blueprint("reports", __name__)

# Register routes and the caseworker's panels.
from . import panels, views  # noqa: E402,F401
