from flask import Blueprint

bp = Blueprint("plan", __name__)

from . import views  # noqa: E402,F401
