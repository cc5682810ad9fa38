"""The citizen's job-search requirement: the rules' default unless a caseworker set another."""
from dataclasses import dataclass
from datetime import date

from .. import audit, clock
from ..db import transaction
from ..rules import rules_for
from . import queries
from .periods import Period, period_containing


@dataclass(frozen=True)
class Requirement:
    count: int
    period: str            # "week" or "month"
    default_count: int     # what the rules say
    set_by_caseworker: bool
    note: str | None
    set_by_name: str | None


@dataclass(frozen=True)
class JoblogStatus:
    requirement: Requirement
    period: Period
    registered: int

    @property
    def remaining(self) -> int:
        return max(self.requirement.count - self.registered, 0)

    @property
    def met(self) -> bool:
        return self.remaining == 0


def requirement_for(db, citizen: dict, on_date: date | None = None) -> Requirement | None:
    """None when the citizen's group has no joblog duty on that date."""
    rules = rules_for(citizen["target_group"], on_date)
    if rules.joblog is None:
        return None
    override = queries.requirement_override(db, citizen["id"])
    if override is None:
        return Requirement(rules.joblog.count, rules.joblog.period, rules.joblog.count, False, None, None)
    return Requirement(override["count_per_period"], rules.joblog.period, rules.joblog.count, True,
                       override["note"], override["set_by_name"])


def status_for(db, citizen: dict, on_date: date | None = None) -> JoblogStatus | None:
    on_date = on_date or clock.today()
    requirement = requirement_for(db, citizen, on_date)
    if requirement is None:
        return None
    period = period_containing(rules_for(citizen["target_group"], on_date).joblog, on_date)
    registered = queries.count_between(db, citizen["id"], period.start.isoformat(), period.end.isoformat())
    return JoblogStatus(requirement, period, registered)


def set_requirement(db, *, caseworker_id: int, citizen: dict, count: int | None, note: str | None) -> None:
    """Set the number per period for one citizen; None returns to the rules' default."""
    before = queries.requirement_override(db, citizen["id"])
    with transaction(db):
        if count is None:
            queries.delete_requirement(db, citizen["id"])
            after = None
        else:
            queries.upsert_requirement(db, citizen["id"], count, note or None, caseworker_id,
                                       clock.to_db(clock.now()))
            after = {"count_per_period": count, "note": note or None}
        audit.record(db, actor_type="caseworker", actor_id=caseworker_id, action="set_joblog_requirement",
                     entity="joblog_requirement", entity_id=citizen["id"], citizen_id=citizen["id"],
                     municipality_id=citizen["municipality_id"],
                     before={"count_per_period": before["count_per_period"], "note": before["note"]} if before else None,
                     after=after)
