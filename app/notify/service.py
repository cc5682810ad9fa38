"""What the citizen does with notices and settings: read notices, choose language, channels and
which reminders, and download their data. The web side only records; the sweep sends."""
import json
from dataclasses import dataclass
from datetime import timedelta

from babel.lists import format_list
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import audit, clock, cpr
from ..db import transaction
from ..rules import rules_for
from . import content, queries

PAGE_SIZE = 20

REMINDER_LABELS = {
    "conversation": _l("Before each conversation"),
    "joblog": _l("Before the joblog deadline"),
    "self_booking": _l("Before a deadline to book a conversation"),
}


@dataclass
class Notice:
    id: int
    kind: str
    created_at: str
    read_at: str | None
    message: content.Message


def _notice(row: dict) -> Notice:
    return Notice(row["id"], row["kind"], row["created_at"], row["read_at"],
                  content.build(row["kind"], json.loads(row["params"] or "{}")))


def notices_page(db, citizen_id: int, page: int) -> tuple[list[Notice], int]:
    total = queries.count_notices(db, citizen_id)
    pages = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(max(page, 1), pages)
    rows = queries.notices_for(db, citizen_id, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return [_notice(r) for r in rows], pages


def open_notice(db, citizen_id: int, notice_id: int) -> Notice | None:
    """The notice, marked read; None when it is not this citizen's."""
    row = queries.notice_for(db, notice_id, citizen_id)
    if row is None:
        return None
    if row["read_at"] is None:
        with transaction(db):
            queries.mark_read(db, notice_id, clock.to_db(clock.now()))
    return _notice(row)


@dataclass(frozen=True)
class ReminderChoice:
    reminder: str
    label: str
    when: tuple[timedelta, ...] | None  # lead times, or None when given in days
    days: int | None
    can_opt_out: bool
    opted_out: bool


def reminder_choices(db, citizen: dict) -> list[ReminderChoice]:
    """The reminders that apply to this citizen today, and which the rules let them switch off."""
    rules = rules_for(citizen["target_group"])
    off = queries.optouts(db, citizen["id"])
    found = [("conversation", tuple(sorted(rules.conversation_reminders, reverse=True)), None)]
    if rules.joblog is not None:
        found.append(("joblog", None, rules.joblog.reminder_days_before))
    if rules.self_booking:
        found.append(("self_booking", None, rules.self_booking_reminder_days))
    return [ReminderChoice(name, str(REMINDER_LABELS[name]), leads, days, name in rules.reminder_opt_out,
                           name in rules.reminder_opt_out and name in off)
            for name, leads, days in found]


def when_text(choice: ReminderChoice) -> str:
    """'1 day and 2 hours before' / '2 days before', in the active locale."""
    if choice.when:
        times = format_list([content.lead_text(lead) for lead in choice.when], locale=str(get_locale()))
        return _("%(times)s before", times=times)
    return ngettext("%(num)s day before", "%(num)s days before", choice.days or 0)


def save_settings(db, citizen: dict, *, language: str, email: str | None, phone: str | None,
                  notify_email: bool, notify_sms: bool, reminders_on: dict[str, bool]) -> None:
    """Contact details, channels and opt-outs in one transaction with the audit entry. Only
    reminders the rules let the citizen switch off are changed."""
    now = clock.to_db(clock.now())
    choices = {c.reminder: c for c in reminder_choices(db, citizen)}
    before_off = sorted(queries.optouts(db, citizen["id"]))
    with transaction(db):
        queries.update_contact(db, citizen["id"], language=language, email=email, phone=phone,
                               notify_email=notify_email, notify_sms=notify_sms, updated_at=now)
        for reminder, on in reminders_on.items():
            if reminder in choices and choices[reminder].can_opt_out:
                queries.set_optout(db, citizen["id"], reminder, not on, now)
        after_off = sorted(queries.optouts(db, citizen["id"]))
        audit.record(db, actor_type="citizen", actor_id=citizen["id"], action="notify_settings_changed",
                     entity="citizen", entity_id=citizen["id"], citizen_id=citizen["id"],
                     municipality_id=citizen["municipality_id"],
                     before={"preferred_language": citizen["preferred_language"], "email": citizen["email"],
                             "phone": citizen["phone"], "notify_email": bool(citizen["notify_email"]),
                             "notify_sms": bool(citizen["notify_sms"]), "reminders_off": before_off},
                     after={"preferred_language": language, "email": email, "phone": phone,
                            "notify_email": notify_email, "notify_sms": notify_sms, "reminders_off": after_off})


def export(db, citizen: dict) -> dict:
    """The citizen's own data as JSON-ready dicts (the CPR number masked, as everywhere)."""
    with transaction(db):
        audit.record(db, actor_type="citizen", actor_id=citizen["id"], action="personal_data_downloaded",
                     entity="citizen", entity_id=citizen["id"], citizen_id=citizen["id"],
                     municipality_id=citizen["municipality_id"])
    profile = {key: citizen.get(key) for key in (
        "name", "target_group", "group_since", "email", "phone", "preferred_language", "notify_email",
        "notify_sms", "employment_status", "municipality_name", "jobcenter_name")}
    profile["cpr"] = cpr.mask(citizen.get("cpr"))
    data = {"exported_at": clock.to_db(clock.now()), "citizen": profile}
    for name, sql in queries.EXPORT_TABLES:
        data[name] = queries.export_rows(db, sql, citizen["id"])
    return data
