"""Conversations (samtaler): booking, format, cancellation, calendar."""
from flask import Blueprint

bp = Blueprint("conversations", __name__)

# The citizen's routes, Min Plan's actions and the caseworker's panels; the caseworker's routes
# (caseworker.py) are registered by the caseworker house (app/caseworker/areas.py).
from . import actions, panels, sections, views, views_booking  # noqa: E402,F401
