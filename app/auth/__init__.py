from flask import Blueprint

bp = Blueprint("auth", __name__)

from . import users, views  # noqa: E402,F401  (routes and the user loader register on import)
