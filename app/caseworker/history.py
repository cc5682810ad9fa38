"""Historik: the citizen's audit log in plain words, newest first, filterable by area and actor.
Read-only: nothing here writes. Each action names its area and a sentence; an action we have no
sentence for is still shown, by its area and a general wording, never hidden."""
import json
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import labels
from ..i18n import fmt_date, fmt_datetime
from . import queries

AREAS = {
    "plan": _l("Plan"),
    "samtaler": _l("Conversations"),
    "joblog": _l("Joblog"),
    "opfoelgning": _l("Follow-up"),
    "sag": _l("Case"),
    "borger": _l("The citizen's settings"),
}

# action -> (area, sentence). %(actor)s is who did it; the other names come from the entry.
ACTIONS = {
    "plan_goal_added": ("plan", _l("%(actor)s added the goal %(title)s")),
    "plan_goal_changed": ("plan", _l("%(actor)s changed the goal %(title)s")),
    "plan_goal_ended": ("plan", _l("%(actor)s ended the goal %(title)s")),
    "plan_activity_added": ("plan", _l("%(actor)s added the activity %(title)s")),
    "plan_activity_changed": ("plan", _l("%(actor)s changed the activity %(title)s")),
    "plan_read_confirmed": ("plan", _l("%(actor)s confirmed having read the plan")),
    "conversation_booked": ("samtaler", _l("%(actor)s booked the conversation %(when)s")),
    "conversation_rebooked": ("samtaler", _l("%(actor)s moved the conversation to %(when)s")),
    "conversation_cancelled": ("samtaler", _l("%(actor)s cancelled the conversation %(when)s")),
    "conversation_cancelled_by_jobcenter": ("samtaler", _l("%(actor)s called off the conversation %(when)s")),
    "conversation_summoned": ("samtaler", _l("%(actor)s summoned the citizen to a conversation %(when)s")),
    "conversation_held": ("samtaler", _l("%(actor)s marked the conversation %(when)s as held")),
    "conversation_missed": ("samtaler", _l("%(actor)s marked the conversation %(when)s as missed")),
    "conversation_format_changed": ("samtaler", _l("%(actor)s changed the format of the conversation %(when)s")),
    "conversation_in_person_required": ("samtaler", _l("%(actor)s required attendance in person at the conversation %(when)s")),
    "conversation_interpreter_ordered": ("samtaler", _l("%(actor)s noted that an interpreter is ordered for the conversation %(when)s")),
    "conversation_interpreter_requested": ("samtaler", _l("%(actor)s asked for an interpreter")),
    "booking_interpreter_requested": ("samtaler", _l("%(actor)s asked for an interpreter")),
    "conversation_rated": ("samtaler", _l("%(actor)s rated a conversation")),
    "format_request_created": ("samtaler", _l("%(actor)s asked for another format for the conversation %(when)s")),
    "format_request_withdrawn": ("samtaler", _l("%(actor)s withdrew a request for another format")),
    "format_request_approved": ("samtaler", _l("%(actor)s approved the request for another format for the conversation %(when)s")),
    "format_request_refused": ("samtaler", _l("%(actor)s refused the request for another format for the conversation %(when)s")),
    "booking_invitation_created": ("samtaler", _l("%(actor)s asked the citizen to book a conversation")),
    "citizen_self_booking_exemption_set": ("samtaler", _l("%(actor)s changed whether the citizen books conversations")),
    "joblog_entry_created": ("joblog", _l("%(actor)s added a job application to the joblog")),
    "joblog_entry_updated": ("joblog", _l("%(actor)s changed a job application in the joblog")),
    "joblog_entry_deleted": ("joblog", _l("%(actor)s deleted a job application from the joblog")),
    "set_joblog_requirement": ("joblog", _l("%(actor)s changed the job-search requirement")),
    "followup_request_handled": ("opfoelgning", _l("%(actor)s handled a request about the follow-up")),
    "followup_conversation_requested": ("opfoelgning", _l("%(actor)s asked for a follow-up conversation")),
    "followup_status_answered": ("opfoelgning", _l("%(actor)s answered the status questions")),
    "retention_plan_status_changed": ("opfoelgning", _l("%(actor)s changed the status of the retention plan")),
    "retention_plan_requested": ("opfoelgning", _l("%(actor)s asked for a retention plan")),
    "sick_predictable_course_set": ("opfoelgning", _l("%(actor)s recorded a predictable course")),
    "sick_return_registered": ("opfoelgning", _l("%(actor)s registered the return to work")),
    "target_group_changed": ("sag", _l("%(actor)s changed the target group from %(from_group)s to %(to_group)s from %(since)s")),
    "contact_exemption_set": ("sag", _l("%(actor)s exempted the citizen from conversations or offers")),
    "contact_exemption_ended": ("sag", _l("%(actor)s ended the exemption from conversations or offers")),
    "set_language": ("borger", _l("%(actor)s changed the language")),
    "notify_settings_changed": ("borger", _l("%(actor)s changed how reminders are sent")),
    "personal_data_downloaded": ("borger", _l("%(actor)s downloaded their data")),
    "login": ("borger", _l("%(actor)s logged in")),
}
GENERAL = _l("%(actor)s made a change (%(action)s)")

# Fields whose change is worth naming, with the labels their values have.
FIELD_NAMES = {
    "title": _l("title"), "note": _l("note"), "status": _l("status"), "starts_on": _l("first day"),
    "ends_on": _l("last day"), "hours_per_week": _l("hours a week"), "provider": _l("provider"),
    "format": _l("format"), "to_format": _l("format"), "kind": _l("kind"), "expected_weeks": _l("expected weeks"),
    "cancel_reason": _l("reason"), "count": _l("number"), "target_group": _l("target group"),
}
VALUE_LABELS = {"status": {**labels.CONVERSATION_STATUS_CASEWORKER, **labels.ACTIVITY_STATUS}, "format": labels.FORMATS, "to_format": labels.FORMATS,
                "kind": labels.ACTIVITY_KINDS, "target_group": labels.TARGET_GROUPS}


@dataclass(frozen=True)
class Line:
    at: str
    area: str
    text: str
    changes: list


def _actor(entry: dict, citizen: dict) -> str:
    if entry["actor_type"] == "caseworker":
        return entry.get("caseworker_name") or _("A caseworker")
    if entry["actor_type"] == "citizen":
        return citizen["name"]
    return _("Min Plan")


def _load(value):
    try:
        return json.loads(value) if value else {}
    except ValueError:
        return {}


def _value(name, value) -> str:
    if value is None or value == "":
        return "–"
    mapping = VALUE_LABELS.get(name)
    if mapping and value in mapping:
        return str(mapping[value])
    if name in ("starts_on", "ends_on"):
        return fmt_date(value)
    return str(value)


def describe(entry: dict, citizen: dict) -> Line:
    before, after = _load(entry["before"]), _load(entry["after"])
    area, sentence = ACTIONS.get(entry["action"], (_area_of(entry["action"]), GENERAL))
    starts = after.get("starts_at") or before.get("starts_at")
    params = {
        "actor": _actor(entry, citizen),
        "title": after.get("title") or before.get("title") or "",
        "when": fmt_datetime(starts) if starts else "",
        "from_group": labels.label(labels.TARGET_GROUPS, before.get("target_group")),
        "to_group": labels.label(labels.TARGET_GROUPS, after.get("target_group")),
        "since": fmt_date(after.get("group_since")) if after.get("group_since") else "",
        "action": entry["action"].replace("_", " "),
    }
    text = str(sentence) % params
    changes = []
    if before and after:
        for name, label in FIELD_NAMES.items():
            if name in after and name in before and before[name] != after[name] and name != "target_group":
                changes.append(_("%(field)s from %(old)s to %(new)s", field=str(label),
                                 old=_value(name, before[name]), new=_value(name, after[name])))
    return Line(entry["at"], area, text, changes)


def _area_of(action: str) -> str:
    for prefix, area in (("plan", "plan"), ("conversation", "samtaler"), ("format", "samtaler"),
                         ("booking", "samtaler"), ("joblog", "joblog"), ("followup", "opfoelgning"),
                         ("sick", "opfoelgning"), ("retention", "opfoelgning")):
        if action.startswith(prefix):
            return area
    return "sag"


def actions_in(area: str) -> tuple[str, ...]:
    return tuple(a for a, (a_area, _s) in ACTIONS.items() if a_area == area)


def page(db, citizen: dict, *, area: str | None, actor: str | None, limit: int, offset: int):
    """(lines, total) for the filters; `actor` is 'citizen', 'system' or 'caseworker:<id>'."""
    actor_filter = None
    if actor:
        kind, _sep, ident = actor.partition(":")
        actor_filter = (kind, int(ident) if ident.isdigit() else None)
    rows, total = queries.history(db, citizen["id"], actions=actions_in(area) if area else None,
                                  actor=actor_filter, limit=limit, offset=offset)
    return [describe(row, citizen) for row in rows], total


def actor_choices(db, citizen: dict) -> list[tuple[str, str]]:
    found = []
    for row in queries.history_actors(db, citizen["id"]):
        if row["actor_type"] == "caseworker":
            found.append((f"caseworker:{row['actor_id']}", row["caseworker_name"] or _("A caseworker")))
        elif row["actor_type"] == "citizen":
            found.append(("citizen", citizen["name"]))
        else:
            found.append(("system", _("Min Plan")))
    return found
