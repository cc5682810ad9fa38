"""The dialogue (issue 14): threads a citizen writes with their municipality, answered by its
caseworkers. Citizen pages live beside the notices under /beskeder (views.py); the caseworker's
queue and thread page under /sagsbehandler/beskeder (caseworker.py); the case page's Beskeder tab
and the "I dag" panel through the caseworker seams (panels.py)."""
from flask import Blueprint

bp = Blueprint("dialogue", __name__)
# The caseworker's routes: their own blueprint, so an anonymous visitor is sent to the
# caseworkers' login (app/templating.py, blueprint_login_views).
caseworker_bp = Blueprint("dialogue_cw", __name__)

from . import caseworker, panels, views  # noqa: E402,F401
