"""The one way a caseworker route fetches the citizen it names: within the caseworker's own
municipality, or 404 (another municipality's citizen is "not found", not "forbidden": we do
not confirm they exist). The house's guard (guard.py) loads the citizen of every route with a
`citizen_id` once, before the view; views read it with case_citizen()."""
from flask import abort, g
from flask_login import current_user

from ..db import get_db
from . import queries


def citizen_or_404(citizen_id: int) -> dict:
    loaded = g.get("case_citizen")
    if loaded is not None and loaded["id"] == citizen_id:
        return loaded
    citizen = queries.citizen_in_municipality(get_db(), citizen_id, current_user.municipality_id)
    if citizen is None:
        abort(404)
    return citizen


def case_citizen() -> dict:
    """The citizen the route names, as the guard loaded them."""
    return g.case_citizen
