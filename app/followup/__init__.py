"""Digital follow-up for sick-listed citizens (sygedagpenge)."""
from flask import Blueprint

bp = Blueprint("followup", __name__)

from . import views  # noqa: E402,F401
