"""The follow-up's part of the pages other areas own: its section of Min Plan, and its word on a booked follow-up conversation that is no
longer required, shown with the conversation wherever it is."""
import dataclasses

from flask_babel import gettext as _

from ..conversations.notes import conversation_note
from ..plan.sections import plan_section
from . import overview, queries, service


@plan_section("followup")
def followup_section(db, citizen, view, viewer, now) -> overview.Overview | None:
    if view.rules.sick is None or viewer != "citizen":
        return None  # the case page has the caseworker's own follow-up section (panels.py)
    # A copy: the overview built once for the request (app/memo.py) is shared by its other users.
    return dataclasses.replace(overview.build(db, dict(citizen)), viewer=viewer)


@conversation_note
def not_required_note(db, citizen, conv) -> str | None:
    """Why the citizen's booked follow-up is not required, until the caseworker decides (the
    words of the follow-up page); None for anything else."""
    if conv["kind"] not in queries.FOLLOWUP_KINDS or service.sick_rules(citizen) is None:
        return None
    why = overview.build(db, dict(citizen)).not_required(dict(conv))
    if why == "returned":
        return _("You have told us you are back at work, so this conversation is not required. "
                 "Your caseworker lets you know whether it is cancelled or kept.")
    if why:
        return _("Your answers in the information form mean that no follow-up conversation is required. "
                 "Your caseworker lets you know whether this conversation is cancelled or kept.")
    return None
