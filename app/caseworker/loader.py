"""The one way a caseworker route fetches the citizen it names: within the caseworker's own
municipality, or 404 (another municipality's citizen is "not found", not "forbidden": we do
not confirm they exist)."""
from flask import abort
from flask_login import current_user

from ..db import get_db
from . import queries


def citizen_or_404(citizen_id: int) -> dict:
    citizen = queries.citizen_in_municipality(get_db(), citizen_id, current_user.municipality_id)
    if citizen is None:
        abort(404)
    return citizen
