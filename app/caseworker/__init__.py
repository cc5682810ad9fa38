"""The caseworker's house: one parent blueprint at /sagsbehandler. Its own pages (I dag, the
citizens, the case page and its history) live in views.py; every area's caseworker pages live in
that area's caseworker.py, a blueprint nested here (areas.py), so each caseworker endpoint is
named caseworker.<area>.<page>. One guard for every page of the house (guard.py): a logged-out
visitor goes to the caseworker login, a citizen gets 403, and a route that names a citizen gets
them from the caseworker's own municipality or 404, loaded once for the request."""
from flask import Blueprint

bp = Blueprint("caseworker", __name__, url_prefix="/sagsbehandler")

from . import guard, views  # noqa: E402,F401
# The areas' caseworker modules are nested by areas.py, which create_app imports: importing this
# package (for its panels or loader, say) must not import every area.
