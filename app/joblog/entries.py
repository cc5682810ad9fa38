"""Adding, changing and deleting the citizen's own joblog entries. Each change is written in
one transaction with its audit entry and the form's one-time key, so a double submit acts once.
An entry whose period's deadline has passed is locked."""
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from .. import audit, clock, idempotency
from ..errors import UserError
from ..i18n import fmt_date
from . import queries
from .periods import Period, period_for

KINDS = ("advertised", "unsolicited", "interview", "other")
STATUSES = ("sent", "interview", "rejected", "offered", "hired")
# Only a job interview may be registered ahead of time (it is booked, not yet done).
AHEAD_KINDS = ("interview",)


class JoblogError(UserError):
    """A refusal the user should read; `field` names the form field it belongs to, if any."""


class NotFound(JoblogError):
    def __init__(self):
        super().__init__(_l("We could not find that entry."))


class Locked(JoblogError):
    def __init__(self, period: Period):
        super().__init__(_l("This entry is locked: the deadline for its period was %(deadline)s.",
                            deadline=fmt_date(period.deadline, "weekday_date")))
        self.period = period


@dataclass(frozen=True)
class Result:
    entry_id: int
    at: str            # when it was registered (UTC text)
    changed: bool = True
    repeated: bool = False  # a second submit of the same form: nothing new was done


def entry_period(citizen: dict, entry: dict) -> Period | None:
    return period_for(citizen["target_group"], date.fromisoformat(entry["applied_on"]))


def is_locked(citizen: dict, entry: dict, today: date | None = None) -> bool:
    period = entry_period(citizen, entry)
    return period is None or not period.is_open(today or clock.today())


def check_date(citizen: dict, kind: str, applied_on: date, today: date) -> Period:
    """The period the date belongs to, if entries may be registered for it today."""
    period = period_for(citizen["target_group"], applied_on)
    current = period_for(citizen["target_group"], today)
    if applied_on > today:
        if kind not in AHEAD_KINDS:
            raise JoblogError(_l("The date cannot be in the future. Enter the day you sent the application "
                                 "or did the activity."), "applied_on")
        if current is None or applied_on > current.end:
            raise JoblogError(_l("A job interview can be registered ahead only within this period, "
                                 "until %(end)s.", end=fmt_date(current.end, "day") if current else ""),
                              "applied_on")
    if period is None:
        raise JoblogError(_l("You had no job-search requirement on that date."), "applied_on")
    if not period.is_open(today):
        raise JoblogError(_l("The deadline for that period was %(deadline)s, so you can no longer register "
                             "job search for that date.", deadline=fmt_date(period.deadline, "weekday_date")),
                          "applied_on")
    return period


def _clean(values: dict) -> dict:
    out = {}
    for name in queries.ENTRY_FIELDS:
        value = values.get(name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, str):
            value = value.strip() or None
        out[name] = value
    if out["kind"] not in KINDS:
        raise JoblogError(_l("Choose the type of job search."), "kind")
    if out["status"] not in STATUSES:
        raise JoblogError(_l("Choose the status."), "status")
    return out


def _audit(db, citizen, action, entry_id, before=None, after=None):
    audit.record(db, actor_type="citizen", actor_id=citizen["id"], action=action, entity="joblog_entry",
                 entity_id=entry_id, citizen_id=citizen["id"], municipality_id=citizen["municipality_id"],
                 before=before, after=after)


def _actor(citizen) -> str:
    return f"citizen:{citizen['id']}"


def _result(done: idempotency.Done) -> Result:
    """The entry's receipt; a repeated submission gets the first one's (older keys stored none)."""
    result = done.result or {}
    return Result(result.get("entry_id", 0), result.get("at", ""), result.get("changed", True), done.repeated)


def add(db, *, citizen: dict, values: dict, key: str, today: date | None = None) -> Result:
    today = today or clock.today()
    values = _clean(values)
    at = clock.to_db(clock.now())

    def work():
        check_date(citizen, values["kind"], date.fromisoformat(values["applied_on"]), today)
        entry_id = queries.insert_entry(db, citizen["id"], values, at)
        _audit(db, citizen, "joblog_entry_created", entry_id, after={**values, "created_at": at})
        return {"entry_id": entry_id, "at": at}
    return _result(idempotency.once(db, key, _actor(citizen), "joblog_entry_create", work))


def _open_entry(db, citizen: dict, entry_id: int, today: date) -> dict:
    """The citizen's own entry, if its period is still open; NotFound or Locked otherwise."""
    entry = queries.entry_for_citizen(db, entry_id, citizen["id"])
    if entry is None:
        raise NotFound()
    period = entry_period(citizen, entry)
    if period is None or not period.is_open(today):
        raise Locked(period or Period(today, today, today))
    return entry


def update(db, *, citizen: dict, entry_id: int, values: dict, key: str, today: date | None = None) -> Result:
    today = today or clock.today()
    values = _clean(values)
    at = clock.to_db(clock.now())

    def work():
        entry = _open_entry(db, citizen, entry_id, today)
        check_date(citizen, values["kind"], date.fromisoformat(values["applied_on"]), today)
        before = {name: entry[name] for name in queries.ENTRY_FIELDS}
        changed = before != values
        if changed:
            queries.update_entry(db, entry_id, values, at)
            _audit(db, citizen, "joblog_entry_updated", entry_id, before=before,
                   after={**values, "changed": sorted(k for k in values if values[k] != before[k])})
        return {"entry_id": entry_id, "at": at, "changed": changed}
    return _result(idempotency.once(db, key, _actor(citizen), f"joblog_entry_update:{entry_id}", work))


def delete(db, *, citizen: dict, entry_id: int, key: str, today: date | None = None) -> Result:
    today = today or clock.today()
    at = clock.to_db(clock.now())

    def work():
        entry = _open_entry(db, citizen, entry_id, today)
        queries.delete_entry(db, entry_id)
        _audit(db, citizen, "joblog_entry_deleted", entry_id,
               before={**{name: entry[name] for name in queries.ENTRY_FIELDS}, "created_at": entry["created_at"]},
               after={"deleted_at": at})
        return {"entry_id": entry_id, "at": at}
    return _result(idempotency.once(db, key, _actor(citizen), f"joblog_entry_delete:{entry_id}", work))
