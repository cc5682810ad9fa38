"""Notices sent at once from the audit log: conversations booked, moved or cancelled, answers to
format requests, booking invitations, new answers in a dialogue thread, and "your plan has been
updated" after a caseworker's change to the plan or the target group.

The audit cursor moves in the same transaction as the rows are written, so an entry is turned into
messages once, however often the sweep runs or crashes."""
import json
from datetime import date, datetime

from ... import clock
from ...db import transaction
from .. import queries
from ..channels import chosen_channels
from ..timing import end_of_day
from .conversations import FUTURE_CONVERSATION_KINDS
from .rows import Citizens, describe, row, skip

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
AUDIT_FIELDS = ("to_format", "decision_reason", "cancel_reason", "cancelled_at", "in_person_ground")
BATCH = 500


def from_audit(config, db, now: datetime) -> int:
    """Turn audit entries after the cursor into outbox rows; the cursor moves in the same
    transaction as the rows are written."""
    added = 0
    citizens = Citizens(db)
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
                skip("audit entry", entry["id"], error)
                # A failed row, so the caseworker sees it among the messages not delivered.
                if citizen is not None:
                    rows.append(row(now, f"audit:{entry['id']}:inapp", citizen, entry["action"], "inapp",
                                    entity=entry["entity"], entity_id=entry["entity_id"], occurrence=None,
                                    params={"audit_id": entry["id"]}, event_at=None, due_at=now,
                                    expires_at=None, failed=describe(error)))
        with transaction(db):
            added += sum(queries.insert_outbox(db, r) for r in rows)
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
        return [row(now, f"audit:{entry['id']}:{channel}", citizen, action, channel, entity="dialogue_thread",
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
        return [row(now, f"audit:{entry['id']}:{channel}", citizen, "plan_updated", channel, entity=entry["entity"],
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
    return [row(now, f"audit:{entry['id']}:{channel}", citizen, action, channel, entity=entity,
                entity_id=entity_id, occurrence=occurrence, params=params, event_at=event_at, due_at=now,
                expires_at=expires.get(channel, event_at))
            for channel in chosen_channels(config, citizen)]
