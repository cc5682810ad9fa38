"""The dialogue (issue 14): threads a citizen writes with their municipality, answered by its
caseworkers. Citizen pages live beside the notices under /beskeder (views.py); the caseworker's
queue and thread page under /sagsbehandler/beskeder (caseworker.py); the case page's Beskeder tab
and the "I dag" panel through the caseworker seams (panels.py)."""
from flask import Blueprint

bp = Blueprint("dialogue", __name__)

# The caseworker's routes (caseworker.py) are registered by the caseworker house (app/caseworker/areas.py).
from . import panels, views  # noqa: E402,F401
