"""The citizen's own data as the conversation pages load it, and how a refusal reaches its form:
shared by the citizen's and the caseworker's view modules, so no view module imports another."""
from flask import abort, g
from flask_login import current_user

from ..auth.queries import citizen_by_id
from ..db import get_db
from ..errors import show_on_form
from . import queries, service


def current_citizen() -> dict:
    if "conversation_citizen" not in g:
        g.conversation_citizen = dict(citizen_by_id(get_db(), current_user.id))
    return g.conversation_citizen


def own_conversation(conversation_id: int) -> dict:
    """The citizen's own conversation, or 404 (another citizen's id is not found)."""
    conv = queries.conversation_for_citizen(get_db(), conversation_id, current_user.id)
    if conv is None:
        abort(404)
    return conv


def show_error(form, error: service.ConversationError) -> str | None:
    """Put a refusal on its field (the error summary links to it); return it when it has no field."""
    return show_on_form(form, error)
