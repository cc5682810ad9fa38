"""Conversations (samtaler): booking, format, cancellation, calendar."""
from flask import Blueprint

bp = Blueprint("conversations", __name__)

from . import actions, views  # noqa: E402,F401  (register routes and Min Plan actions)
