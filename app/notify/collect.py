"""Filling the outbox. (a) New audit entries after the stored cursor become confirmations and
notices at once; (b) what is due from the tables becomes reminders: before conversations, before
joblog deadlines, before self-booking deadlines.

Every row has a unique key (what : occurrence : lead time : channel) and is written with
INSERT OR IGNORE, so running this again, or after a crash, adds nothing twice. A rebooked
conversation has a new starts_at, hence new keys; the old ones are dropped at send time.

Everything is read outside any write transaction; a short transaction only inserts the rows
found (and moves the audit cursor). One citizen, conversation or invitation that cannot be
handled (an unknown target group, say) is logged, without the CPR number, and skipped: the
others still get theirs. An audit entry that cannot be turned into a message leaves a failed
row, so the caseworker sees it among the messages that could not be delivered."""
import json
import logging
import re
from datetime import date, datetime, timedelta

from .. import clock
from ..db import transaction
from ..joblog.periods import period_for
from ..joblog.service import status_for
from ..rules import GROUPS, rules_for
from ..rules.sets import RULE_SETS
from . import queries
from .channels import chosen_channels
from .timing import end_of_day, lead_code, reminder_time, start_of_day

# The contract's audit actions that the citizen hears about at once.
AUDIT_ACTIONS = (
    "conversation_booked", "conversation_rebooked", "conversation_cancelled",
    "conversation_cancelled_by_jobcenter", "conversation_summoned", "conversation_in_person_required",
    "format_request_approved", "format_request_refused", "booking_invitation_created",
)
# Messages about a conversation still to come: they hold only while it is booked at that time.
FUTURE_CONVERSATION_KINDS = ("conversation_reminder", "conversation_booked", "conversation_rebooked",
                             "conversation_summoned", "conversation_in_person_required",
                             "format_request_approved", "format_request_refused")
# Outbox kind -> the reminder type the rules may let a citizen opt out of.
REMINDER_TYPES = {"conversation_reminder": "conversation", "joblog_reminder": "joblog",
                  "self_booking_reminder": "self_booking"}
AUDIT_FIELDS = ("to_format", "decision_reason", "cancel_reason", "cancelled_at", "in_person_ground")
BATCH = 500

log = logging.getLogger("minplan.notify")
_CPR = re.compile(r"\d{6}-?\d{4}")


def describe(error: BaseException) -> str:
    """An error for the log and the outbox: its type and message, any CPR-like number masked."""
    return _CPR.sub("XXXXXX-XXXX", f"{type(error).__name__}: {error}")[:500]


def _skip(what: str, ident, error: Exception) -> None:
    log.error("notify: skipped %s %s: %s", what, ident, describe(error))


def _write(db, rows: list[dict]) -> int:
    """Insert the rows found in one short write transaction."""
    if not rows:
        return 0
    with transaction(db):
        return sum(queries.insert_outbox(db, row) for row in rows)


def _longest_lead() -> timedelta:
    return max((lead for _set, rules in RULE_SETS for r in rules.values() for lead in r.conversation_reminders),
               default=timedelta(days=1))


def opted_out(db, citizen: dict, reminder: str, on_date: date) -> bool:
    """Switched off by the citizen, and the rules on that date allow it."""
    allowed = rules_for(citizen["target_group"], on_date).reminder_opt_out
    return reminder in allowed and reminder in queries.optouts(db, citizen["id"])


def _row(now, key, citizen, kind, channel, *, entity, entity_id, occurrence, params, event_at, due_at,
         expires_at, dropped: str | None = None, failed: str | None = None) -> dict:
    status = "failed" if failed else "dropped" if dropped else "pending"
    return dict(key=key, citizen_id=citizen["id"], kind=kind, channel=channel, entity=entity,
                entity_id=entity_id, occurrence=occurrence, params=json.dumps(params, sort_keys=True, default=str),
                event_at=clock.to_db(event_at) if event_at else None, due_at=clock.to_db(due_at),
                expires_at=clock.to_db(expires_at) if expires_at else None,
                status=status, last_error=failed or dropped,
                next_attempt_at=clock.to_db(due_at), created_at=clock.to_db(now))


def _instant(value: str | None) -> datetime | None:
    try:
        return clock.from_db(value)
    except ValueError:
        return None


class _Citizens(dict):
    def __init__(self, db):
        super().__init__()
        self.db = db

    def __missing__(self, citizen_id):
        self[citizen_id] = queries.citizen(self.db, citizen_id)
        return self[citizen_id]


# ---------------------------------------------------------------- (a) the audit log
def from_audit(config, db, now: datetime) -> int:
    """Turn audit entries after the cursor into outbox rows; the cursor moves in the same
    transaction as the rows are written."""
    added = 0
    citizens = _Citizens(db)
    while True:
        entries = queries.audit_after(db, queries.audit_cursor(db), BATCH)
        if not entries:
            break
        rows = []
        for entry in entries:
            if entry["action"] not in AUDIT_ACTIONS or not entry["citizen_id"]:
                continue
            citizen = None
            try:
                citizen = citizens[entry["citizen_id"]]
                if citizen is not None:
                    rows += _audit_rows(config, db, entry, citizen, now)
            except Exception as error:  # one bad entry must not hold up the others
                _skip("audit entry", entry["id"], error)
                if citizen is not None:
                    rows.append(_row(now, f"audit:{entry['id']}:inapp", citizen, entry["action"], "inapp",
                                     entity=entry["entity"], entity_id=entry["entity_id"], occurrence=None,
                                     params={"audit_id": entry["id"]}, event_at=None, due_at=now,
                                     expires_at=None, failed=describe(error)))
        with transaction(db):
            added += sum(queries.insert_outbox(db, row) for row in rows)
            queries.set_audit_cursor(db, entries[-1]["id"])
    return added


def _audit_rows(config, db, entry: dict, citizen: dict, now: datetime) -> list[dict]:
    action = entry["action"]
    after = json.loads(entry["after"] or "{}")
    before = json.loads(entry["before"] or "{}")
    params = {"audit_id": entry["id"]}
    if entry["entity"] == "booking_invitation":
        invitation = queries.invitation(db, entry["entity_id"]) or {}
        deadline = after.get("deadline") or invitation.get("deadline")
        if not deadline:
            return []
        params.update(invitation_id=entry["entity_id"], deadline=deadline,
                      window_start=after.get("window_start") or invitation.get("window_start"),
                      window_end=after.get("window_end") or invitation.get("window_end"))
        entity, entity_id, occurrence = "booking_invitation", entry["entity_id"], deadline
        event_at = end_of_day(date.fromisoformat(deadline))
        expires = {"inapp": event_at}
    else:
        conversation_id = entry["entity_id"] if entry["entity"] == "conversation" else after.get("conversation_id")
        conversation = queries.conversation(db, conversation_id) if conversation_id else None
        if conversation is None:
            return []
        starts_at = after.get("starts_at") or conversation["starts_at"]
        params.update(conversation_id=conversation["id"], starts_at=starts_at,
                      **{name: after[name] for name in AUDIT_FIELDS if after.get(name)})
        if action == "conversation_rebooked" and before.get("starts_at"):
            params["old_starts_at"] = before["starts_at"]
        entity, entity_id, occurrence = "conversation", conversation["id"], starts_at
        event_at = clock.from_db(starts_at)
        # A cancellation stays in Min Plan as a record; e-mail and SMS about a past time are not sent.
        expires = {"inapp": event_at if action in FUTURE_CONVERSATION_KINDS else None}
    return [_row(now, f"audit:{entry['id']}:{channel}", citizen, action, channel, entity=entity,
                 entity_id=entity_id, occurrence=occurrence, params=params, event_at=event_at, due_at=now,
                 expires_at=expires.get(channel, event_at))
            for channel in chosen_channels(config, citizen)]


# ---------------------------------------------------------------- (b) reminders due from the tables
def due_reminders(config, db, now: datetime) -> int:
    return _conversations(config, db, now) + _joblogs(config, db, now) + _self_booking(config, db, now)


def _conversations(config, db, now: datetime) -> int:
    horizon = now + _longest_lead() + timedelta(days=1)
    citizens = _Citizens(db)
    rows = []
    for conversation in queries.booked_conversations_starting(db, clock.to_db(now), clock.to_db(horizon)):
        try:
            rows += _conversation_rows(config, db, conversation, citizens[conversation["citizen_id"]], now)
        except Exception as error:  # one bad conversation must not hold up the others
            _skip("conversation", conversation["id"], error)
    return _write(db, rows)


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
    armed = _instant(queries.occurrence_armed_at(db, citizen["id"], conversation["id"])
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
            rows.append(_row(
                now, key, citizen, "conversation_reminder", channel, entity="conversation",
                entity_id=conversation["id"], occurrence=conversation["starts_at"],
                params={"lead_seconds": int(lead.total_seconds())}, event_at=starts, due_at=at,
                expires_at=starts, dropped=reason))
    return rows


def _joblog_candidates(db, today: date) -> list[int]:
    """The citizens `_joblog_rows` may find a reminder for today, set-wise: periods hang on the
    target group and the date only, so a group whose periods are outside their reminder window
    today has no one to remind (most days, every group), and within it only those with fewer
    entries than the rules' number or a number of their own are looked at one by one."""
    found = set()
    for group in GROUPS:
        if rules_for(group, today).joblog is None:
            continue
        current = period_for(group, today)
        if current is None:
            continue
        periods = [current]
        if (today - current.start).days <= 7:
            previous = period_for(group, current.start - timedelta(days=1))
            if previous is not None:
                periods.insert(0, previous)
        for period in periods:
            rule = rules_for(group, period.start).joblog
            if rule is None:
                continue
            remind_on = period.deadline - timedelta(days=rule.reminder_days_before)
            if not remind_on <= today <= period.deadline:
                continue
            counts = [r.count for r in (rule, rules_for(group, period.end).joblog) if r is not None]
            found.update(queries.joblog_reminder_candidates(
                db, group, period.start.isoformat(), period.end.isoformat(), min(counts)))
    return sorted(found)


def _joblogs(config, db, now: datetime) -> int:
    today = clock.local(now).date()
    rows = []
    for citizen_id in _joblog_candidates(db, today):
        citizen = queries.citizen(db, citizen_id)
        if citizen is None:
            continue
        try:
            rows += _joblog_rows(config, db, citizen, today, now)
        except Exception as error:  # one bad citizen must not hold up the others
            _skip("joblog reminders for citizen", citizen["id"], error)
    return _write(db, rows)


def _joblog_rows(config, db, citizen: dict, today: date, now: datetime) -> list[dict]:
    if rules_for(citizen["target_group"], today).joblog is None:
        return []
    current = status_for(db, citizen, today)
    if current is None:
        return []
    statuses = [current]
    # The previous period's deadline may fall in this one (moved past a weekend or holiday).
    if (today - current.period.start).days <= 7:
        previous = status_for(db, citizen, current.period.start - timedelta(days=1))
        if previous is not None:
            statuses.insert(0, previous)
    rows = []
    for status in statuses:
        # Only a period with a requirement still open: none for a period that ended before
        # the citizen's duty began (state "not_required").
        if status.state != "open" or status.remaining <= 0:
            continue
        rule = rules_for(citizen["target_group"], status.period.start).joblog
        if rule is None:
            continue
        remind_on = status.period.deadline - timedelta(days=rule.reminder_days_before)
        if not remind_on <= today <= status.period.deadline or opted_out(db, citizen, "joblog", today):
            continue
        deadline_end = end_of_day(status.period.deadline)
        params = {"period_start": status.period.start.isoformat(), "deadline": status.period.deadline.isoformat(),
                  "remaining": status.remaining, "registered": status.registered,
                  "count": status.requirement.count}
        for channel in chosen_channels(config, citizen):
            key = f"joblog:{citizen['id']}:{status.period.start.isoformat()}:{rule.reminder_days_before}d:{channel}"
            rows.append(_row(
                now, key, citizen, "joblog_reminder", channel, entity="joblog_period",
                entity_id=None, occurrence=status.period.start.isoformat(), params=params,
                event_at=deadline_end, due_at=start_of_day(remind_on), expires_at=deadline_end))
    return rows


def _self_booking(config, db, now: datetime) -> int:
    today = clock.local(now).date()
    citizens = _Citizens(db)
    rows = []
    for invitation in queries.open_invitations(db, today.isoformat()):
        try:
            rows += _self_booking_rows(config, db, invitation, citizens[invitation["citizen_id"]], today, now)
        except Exception as error:  # one bad invitation must not hold up the others
            _skip("booking invitation", invitation["id"], error)
    return _write(db, rows)


def _self_booking_rows(config, db, invitation: dict, citizen: dict, today: date, now: datetime) -> list[dict]:
    deadline = date.fromisoformat(invitation["deadline"])
    days = rules_for(citizen["target_group"], deadline).self_booking_reminder_days
    remind_on = deadline - timedelta(days=days)
    if today < remind_on or opted_out(db, citizen, "self_booking", today):
        return []
    due_at, deadline_end = start_of_day(remind_on), end_of_day(deadline)
    invited = _instant(invitation["created_at"])
    reason = "invited after this reminder was due" if invited and due_at < invited else None
    params = {"invitation_id": invitation["id"], "deadline": invitation["deadline"],
              "window_start": invitation["window_start"], "window_end": invitation["window_end"]}
    return [_row(now, f"selfbook:{invitation['id']}:{invitation['deadline']}:{days}d:{channel}", citizen,
                 "self_booking_reminder", channel, entity="booking_invitation", entity_id=invitation["id"],
                 occurrence=invitation["deadline"], params=params, event_at=deadline_end, due_at=due_at,
                 expires_at=deadline_end, dropped=reason)
            for channel in chosen_channels(config, citizen)]
