"""Notify: reminders and notices (in-app, e-mail, SMS), delivered exactly once by the sweep."""
from flask import Blueprint

bp = Blueprint("notify", __name__)

from . import panels, views  # noqa: E402,F401  (register routes and caseworker panels)
