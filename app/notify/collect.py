"""Filling the outbox. (a) New audit entries after the stored cursor become confirmations and
notices at once; (b) what is due from the tables becomes reminders: before conversations, before
joblog deadlines, before self-booking deadlines. Each kind lives in app/notify/kinds/.

Every row has a unique key (what : occurrence : lead time : channel) and is written with
INSERT OR IGNORE, so running this again, or after a crash, adds nothing twice.

Everything is read outside any write transaction; a short transaction only inserts the rows
found (and moves the audit cursor). One citizen, conversation or invitation that cannot be
handled (an unknown target group, say) is logged, without the CPR number, and skipped: the
others still get theirs. An audit entry that cannot be turned into a message leaves a failed
row, so the caseworker sees it among the messages that could not be delivered."""
from datetime import datetime

from .kinds import conversations, joblog, self_booking
from .kinds.audit_notices import from_audit
from .kinds.conversations import FUTURE_CONVERSATION_KINDS
from .kinds.rows import describe, opted_out

# What the sweep (app/notify/sweep.py), the delivery (deliver.py) and the tests use.
__all__ = ["FUTURE_CONVERSATION_KINDS", "REMINDER_TYPES", "describe", "due_reminders", "from_audit", "opted_out"]

# Outbox kind -> the reminder type the rules may let a citizen opt out of.
REMINDER_TYPES = {"conversation_reminder": "conversation", "joblog_reminder": "joblog",
                  "self_booking_reminder": "self_booking"}


def due_reminders(config, db, now: datetime) -> int:
    return (conversations.reminders(config, db, now) + joblog.reminders(config, db, now)
            + self_booking.reminders(config, db, now))
