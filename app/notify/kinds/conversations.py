"""Reminders before a booked conversation, at the lead times the citizen's rules name.

A rebooked conversation has a new starts_at, hence new keys; the old ones are dropped at send time."""
from datetime import datetime, timedelta

from ... import clock
from ...rules import rules_for
from ...rules.sets import RULE_SETS
from .. import queries
from ..channels import chosen_channels
from ..timing import lead_code, reminder_time
from .rows import Citizens, instant, opted_out, row, skip, write

# Messages about a conversation still to come: they hold only while it is booked at that time.
FUTURE_CONVERSATION_KINDS = ("conversation_reminder", "conversation_booked", "conversation_rebooked",
                             "conversation_summoned", "conversation_in_person_required",
                             "format_request_approved", "format_request_refused")


def longest_lead() -> timedelta:
    return max((lead for _set, rules in RULE_SETS for r in rules.values() for lead in r.conversation_reminders),
               default=timedelta(days=1))


def reminders(config, db, now: datetime) -> int:
    horizon = now + longest_lead() + timedelta(days=1)
    citizens = Citizens(db)
    rows = []
    for conversation in queries.booked_conversations_starting(db, clock.to_db(now), clock.to_db(horizon)):
        try:
            rows += _conversation_rows(config, db, conversation, citizens[conversation["citizen_id"]], now)
        except Exception as error:  # one bad conversation must not hold up the others
            skip("conversation", conversation["id"], error)
    return write(db, rows)


def _conversation_rows(config, db, conversation: dict, citizen: dict, now: datetime) -> list[dict]:
    starts = clock.from_db(conversation["starts_at"])
    local_day = clock.local(starts).date()
    leads = rules_for(citizen["target_group"], local_day).conversation_reminders
    due = sorted((reminder_time(starts, lead), lead) for lead in leads)
    due = [(at, lead) for at, lead in due if at <= now]
    if not due:
        return []
    channels = chosen_channels(config, citizen)
    keys = {lead: [f"conv:{conversation['id']}:{conversation['starts_at']}:{lead_code(lead)}:{channel}"
                   for channel in channels] for _at, lead in due}
    if len(queries.existing_keys(db, [k for ks in keys.values() for k in ks])) == len(channels) * len(due):
        return []
    armed = instant(queries.occurrence_armed_at(db, citizen["id"], conversation["id"])
                    or conversation["created_at"])
    latest_lead = due[-1][1]
    switched_off = opted_out(db, citizen, "conversation", local_day)
    rows = []
    for at, lead in due:
        if armed is not None and at < armed:
            reason = "booked after this reminder was due"  # the confirmation told them
        elif lead != latest_lead:
            reason = "superseded by a later reminder"       # catching up: only the nearest
        elif switched_off:
            continue
        else:
            reason = None
        for channel, key in zip(channels, keys[lead]):
            rows.append(row(
                now, key, citizen, "conversation_reminder", channel, entity="conversation",
                entity_id=conversation["id"], occurrence=conversation["starts_at"],
                params={"lead_seconds": int(lead.total_seconds())}, event_at=starts, due_at=at,
                expires_at=starts, dropped=reason))
    return rows
