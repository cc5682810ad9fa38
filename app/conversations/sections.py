"""The conversations' part of Min Plan (app/plan/sections.py): the open booking invitations and
what the citizen may do with their next conversation. The caseworker's view of the plan gets
neither: it shows the conversations without the citizen's buttons."""
from dataclasses import dataclass, field

from ..plan.sections import plan_section
from . import booking, invitations, service
from .options import Options, options_for


@dataclass(frozen=True)
class ConversationsSection:
    invitations: list = field(default_factory=list)   # (invitation, state, consequence)
    next_options: Options | None = None               # for view.upcoming[0], the citizen's own


@plan_section("conversations")
def conversations_section(db, citizen, view, viewer, now) -> ConversationsSection:
    if viewer != "citizen":
        return ConversationsSection()
    may_book = booking.may_self_book(citizen, service.rules_on(citizen, now))
    return ConversationsSection(
        invitations=invitations.with_state(db, citizen, now) if may_book else [],
        next_options=options_for(db, citizen, view.upcoming[0], now) if view.upcoming else None)
