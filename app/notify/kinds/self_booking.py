"""Reminders before the deadline of an invitation to book a conversation oneself."""
from datetime import date, datetime, timedelta

from ... import clock
from ...rules import rules_for
from .. import queries
from ..channels import chosen_channels
from ..timing import end_of_day, start_of_day
from .rows import Citizens, instant, opted_out, row, skip, write


def reminders(config, db, now: datetime) -> int:
    today = clock.local(now).date()
    citizens = Citizens(db)
    rows = []
    for invitation in queries.open_invitations(db, today.isoformat()):
        try:
            rows += _self_booking_rows(config, db, invitation, citizens[invitation["citizen_id"]], today, now)
        except Exception as error:  # one bad invitation must not hold up the others
            skip("booking invitation", invitation["id"], error)
    return write(db, rows)


def _self_booking_rows(config, db, invitation: dict, citizen: dict, today: date, now: datetime) -> list[dict]:
    deadline = date.fromisoformat(invitation["deadline"])
    days = rules_for(citizen["target_group"], deadline).self_booking_reminder_days
    remind_on = deadline - timedelta(days=days)
    if today < remind_on or opted_out(db, citizen, "self_booking", today):
        return []
    due_at, deadline_end = start_of_day(remind_on), end_of_day(deadline)
    invited = instant(invitation["created_at"])
    reason = "invited after this reminder was due" if invited and due_at < invited else None
    params = {"invitation_id": invitation["id"], "deadline": invitation["deadline"],
              "window_start": invitation["window_start"], "window_end": invitation["window_end"]}
    return [row(now, f"selfbook:{invitation['id']}:{invitation['deadline']}:{days}d:{channel}", citizen,
                "self_booking_reminder", channel, entity="booking_invitation", entity_id=invitation["id"],
                occurrence=invitation["deadline"], params=params, event_at=deadline_end, due_at=due_at,
                expires_at=deadline_end, dropped=reason)
            for channel in chosen_channels(config, citizen)]
