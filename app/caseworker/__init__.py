from flask import Blueprint

bp = Blueprint("caseworker", __name__, url_prefix="/sagsbehandler")

from . import views  # noqa: E402,F401
