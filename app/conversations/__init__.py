"""Conversations (samtaler): booking, format, cancellation, calendar."""
from flask import Blueprint

bp = Blueprint("conversations", __name__)

from . import actions, panels, views  # noqa: E402,F401  (routes, Min Plan actions, caseworker panels)
