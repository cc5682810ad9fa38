"""Digital follow-up for sick-listed citizens (sygedagpenge)."""
from flask import Blueprint

bp = Blueprint("followup", __name__)

# Routes, the Min Plan action provider and the caseworker's panels register themselves on import.
from . import actions, panels, sections, views  # noqa: E402,F401
