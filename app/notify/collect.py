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
from datetime import date, datetime, timedelta

from .. import clock, cpr
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
    "dialogue_answered",
) + ("plan_goal_added", "plan_goal_changed", "plan_goal_ended", "plan_activity_added", "plan_activity_changed",
     "target_group_changed", "set_joblog_requirement")
# The caseworker's changes to the plan (app/plan/writing.py) and to the target group
# (app/caseworker/service.py): each one a "Your plan has been updated".
PLAN_ACTIONS = AUDIT_ACTIONS[-7:]
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


def describe(error: BaseException) -> str:
    """An error for the log and the outbox: its type and message, any CPR-like number masked."""
    return cpr.mask_in_text(f"{type(error).__name__}: {error}", keep_birth_date=False)[:500]


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
    if entry["entity"] == "dialogue_thread":
        # A new answer in a thread (app/dialogue): that there is one, never its text.
        params.update(thread_id=entry["entity_id"], jobcenter=citizen.get("jobcenter_name"),
                      jobcenter_phone=citizen.get("jobcenter_phone"))
        return [_row(now, f"audit:{entry['id']}:{channel}", citizen, action, channel, entity="dialogue_thread",
                     entity_id=entry["entity_id"], occurrence=None, params=params, event_at=None, due_at=now,
                     expires_at=None)
                for channel in chosen_channels(config, citizen)]
    if action in PLAN_ACTIONS:
        if action == "set_joblog_requirement":
            params.update(joblog_count=after.get("count_per_period"), applies_from=after.get("applies_from"),
                          joblog=True)
        if action == "target_group_changed":
            params.update(target_group=after.get("target_group"), group_since=after.get("group_since"),
                          reason=after.get("reason"))
        return [_row(now, f"audit:{entry['id']}:{channel}", citizen, "plan_updated", channel, entity=entry["entity"],
                     entity_id=entry["entity_id"], occurrence=None, params=params, event_at=None, due_at=now,
                     expires_at=None)
                for channel in chosen_channels(config, citizen)]
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


def _joblog_windows(today: date):
    """(group, period, rule) for each period inside its reminder window today. Periods hang on
    the target group and the date only, so most days there are none at all."""
    for group in GROUPS:
        if rules_for(group, today).joblog is None:
            continue
        current = period_for(group, today)
        if current is None:
            continue
        periods = [current]
        # The previous period's deadline may fall in this one (moved past a weekend or holiday).
        if (today - current.start).days <= 7:
            previous = period_for(group, current.start - timedelta(days=1))
            if previous is not None:
                periods.insert(0, previous)
        for period in periods:
            rule = rules_for(group, period.start).joblog
            if rule is not None and period.deadline - timedelta(days=rule.reminder_days_before) <= today <= period.deadline:
                yield group, period, rule


def _joblogs(config, db, now: datetime) -> int:
    """Set-wise: per period in its reminder window, one query finds the citizens short of the
    rules' number (with their count); a citizen with a number of their own (set by a caseworker,
    now or in the past) is judged one by one, as the joblog page judges them."""
    today = clock.local(now).date()
    pending = []  # (citizen, period, rule, registered, required, switched off)
    own_number = set()
    switched_off = None
    for group, period, rule in _joblog_windows(today):
        requirement = rules_for(group, period.end).joblog  # the rules' number for the period (RequirementBook.on)
        if requirement is None:
            continue
        if switched_off is None:
            switched_off = queries.opted_out_citizens(db, "joblog")
        # Switched off by the citizen, and the rules of today let them (as opted_out() judges).
        may_switch_off = "joblog" in rules_for(group, today).reminder_opt_out
        for citizen, registered, own in queries.joblog_reminder_candidates(
                db, group, period.start.isoformat(), period.end.isoformat(), requirement.count):
            if own:
                own_number.add(citizen["id"])
                continue
            try:
                if date.fromisoformat(str(citizen["group_since"])[:10]) > period.end:
                    continue  # the period ended before the duty began ("not_required")
                off = may_switch_off and citizen["id"] in switched_off
                pending.append((citizen, period, rule, registered, requirement.count, off))
            except Exception as error:  # one bad citizen must not hold up the others
                _skip("joblog reminders for citizen", citizen["id"], error)
    # Most of these rows are there from the sweep a minute ago: one read finds their keys, and
    # only the new ones are built.
    keys = []
    for citizen, period, rule, *_rest in pending:
        try:
            keys += [_joblog_key(citizen, period, rule, channel) for channel in chosen_channels(config, citizen)]
        except Exception:  # noqa: BLE001  skipped (and logged) below, where its rows are built
            pass
    existing = queries.existing_keys(db, keys)
    rows = []
    for citizen, period, rule, registered, required, off in pending:
        try:
            rows += _joblog_period_rows(config, citizen, period, rule, registered, required, today, now, off, existing)
        except Exception as error:  # one bad citizen must not hold up the others
            _skip("joblog reminders for citizen", citizen["id"], error)
    for citizen_id in sorted(own_number):
        citizen = queries.citizen(db, citizen_id)
        if citizen is None:
            continue
        try:
            rows += _joblog_rows(config, db, citizen, today, now)
        except Exception as error:  # one bad citizen must not hold up the others
            _skip("joblog reminders for citizen", citizen["id"], error)
    return _write(db, rows)


def _joblog_key(citizen: dict, period, rule, channel: str) -> str:
    return f"joblog:{citizen['id']}:{period.start.isoformat()}:{rule.reminder_days_before}d:{channel}"


def _joblog_period_rows(config, citizen: dict, period, rule, registered: int, count: int, today: date,
                        now: datetime, switched_off: bool, existing: set = frozenset()) -> list[dict]:
    """The reminder rows for one open period not yet met (`count` required, `registered` so far);
    none for keys in `existing` (already in the outbox, so INSERT OR IGNORE would leave them)."""
    remaining = count - registered
    if remaining <= 0:
        return []
    remind_on = period.deadline - timedelta(days=rule.reminder_days_before)
    if not remind_on <= today <= period.deadline or switched_off:
        return []
    deadline_end = end_of_day(period.deadline)
    params = {"period_start": period.start.isoformat(), "deadline": period.deadline.isoformat(),
              "remaining": remaining, "registered": registered, "count": count}
    return [_row(now, key, citizen, "joblog_reminder", channel, entity="joblog_period", entity_id=None,
                 occurrence=period.start.isoformat(), params=params, event_at=deadline_end,
                 due_at=start_of_day(remind_on), expires_at=deadline_end)
            for channel in chosen_channels(config, citizen)
            if (key := _joblog_key(citizen, period, rule, channel)) not in existing]


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
        if not remind_on <= today <= status.period.deadline:
            continue
        rows += _joblog_period_rows(config, citizen, status.period, rule, status.registered, status.requirement.count,
                                    today, now, opted_out(db, citizen, "joblog", today))
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
