"""The citizen's open booking invitations, each with its state and, once its deadline is near,
what missing it means: for Min Plan's section and the conversations page alike."""
from datetime import date, datetime

from ..plan.texts import self_booking_consequence
from .. import clock
from . import booking, queries, service


def with_state(db, citizen: dict, now: datetime) -> list[tuple[dict, str, str]]:
    """(invitation, state, consequence) for each open invitation; the consequence is said once
    the deadline is within the rules' reminder lead (before it bites, in plain words), else ''."""
    rules = service.rules_on(citizen, now)
    today = clock.local(now).date()
    found = []
    for inv in queries.open_invitations(db, citizen["id"]):
        near = (date.fromisoformat(inv["deadline"]) - today).days <= rules.self_booking_reminder_days
        found.append((inv, booking.invitation_state(inv, today),
                      self_booking_consequence(rules.self_booking_consequence) if near else ""))
    return found
