"""The citizen's private calendar address (issue 14): an iCalendar feed of their upcoming and
recent conversations that calendar apps poll, behind a secret token (only its hash is stored),
made and renewed from Indstillinger."""
from flask import Blueprint

bp = Blueprint("feed", __name__)

from . import views  # noqa: E402,F401
