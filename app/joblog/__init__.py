"""Joblog: the citizen's job search against the deadlines that apply."""
from flask import Blueprint

bp = Blueprint("joblog", __name__)

from . import actions, views  # noqa: E402,F401  (register routes and Min Plan actions)
