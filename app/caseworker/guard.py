"""The one guard of the caseworker's house, run before every page in it, whichever area the page
belongs to."""
from flask import abort, g, request
from flask_login import current_user

from ..auth.users import to_caseworker_login
from . import bp
from .loader import citizen_or_404


@bp.before_request
def caseworkers_only():
    if request.method == "OPTIONS":
        return None
    if not current_user.is_authenticated:
        return to_caseworker_login()
    if current_user.kind != "caseworker":
        abort(403)
    citizen_id = (request.view_args or {}).get("citizen_id")
    if citizen_id is not None:
        # Before the view runs: a route that names another municipality's citizen is 404 even
        # where the view itself would not look the citizen up.
        g.case_citizen = citizen_or_404(citizen_id)
    return None
