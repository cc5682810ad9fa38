"""Exemption from the contact course's required conversations and offers (law no. 1750 of
29 December 2025, from 1 July 2026): after a concrete assessment the municipality may exempt up
to one in four citizens of the groups the rules name, within the first weeks of the course. The
caseworker records what it covers, why and for which period; the citizen's duties then say so.

Plain functions: check the rules, write through queries inside one transaction with the audit
entry, raise ExemptionError for the user to read."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import lazy_gettext as _l

from .. import audit, clock
from ..db import transaction
from ..errors import UserError
from ..i18n import fmt_date
from ..rules import GROUPS, Rules, rules_for
from . import queries

# Why a citizen is exempted: the ministry's example first (a citizen the municipality judges
# can get a job on their own, star_webinar_2026), then a job or education agreed, then another
# reason described in the note. The words are in app/labels.py.
REASONS = ("own_job_search", "job_or_education_soon", "other")


class ExemptionError(UserError):
    """An exemption the caseworker must correct (app/errors.py)."""


@dataclass(frozen=True)
class Exemption:
    id: int
    covers: tuple[str, ...]
    reason: str
    note: str | None
    from_date: date
    to_date: date
    set_by_name: str | None
    set_at: str

    def active_on(self, day: date) -> bool:
        return self.from_date <= day <= self.to_date

    def covers_kind(self, kind: str) -> bool:
        return kind in self.covers


def _exemption(row: dict | None) -> Exemption | None:
    if row is None:
        return None
    return Exemption(row["id"], tuple(row["covers"].split(",")), row["reason"], row["note"],
                     date.fromisoformat(row["from_date"]), date.fromisoformat(row["to_date"]),
                     row.get("set_by_name"), row["set_at"])


def course_end(citizen: dict, rules: Rules) -> date | None:
    """The last day an exemption may cover: the end of the rules' first weeks of the contact
    course, which starts when the citizen entered the group (003 [L35-57])."""
    if rules.exemption is None:
        return None
    since = date.fromisoformat(citizen["group_since"][:10])
    return since + timedelta(weeks=rules.exemption.within_weeks) - timedelta(days=1)


def current(db, citizen: dict, today: date | None = None) -> Exemption | None:
    """The exemption in force today or decided for a later start; None once it has run out."""
    today = today or clock.today()
    found = _exemption(queries.live_exemption(db, citizen["id"]))
    if found is None or found.to_date < today:
        return None
    return found


def share(db, municipality_id: int, today: date | None = None) -> tuple[int, int]:
    """(exempted today, citizens) in the municipality's groups the rules let it exempt: the
    one-in-four is the municipality's figure, shown to the caseworker beside the form."""
    today = today or clock.today()
    groups = [g for g in GROUPS if rules_for(g, today).exemption is not None]
    return queries.exemption_share(db, municipality_id, groups, today.isoformat())


def set_exemption(db, *, caseworker_id: int, citizen: dict, covers: tuple[str, ...], reason: str,
                  note: str | None, from_date: date, to_date: date, now: datetime | None = None) -> int:
    """Record an exemption; one already recorded is replaced (closed), so the log keeps both."""
    now = now or clock.now()
    today = clock.local(now).date()
    rules = rules_for(citizen["target_group"], today)
    if rules.exemption is None:
        raise ExemptionError(_l("The rules of this target group do not allow an exemption from conversations and offers."))
    covers = tuple(kind for kind in rules.exemption.covers if kind in covers)
    if not covers:
        raise ExemptionError(_l("Choose what the citizen is exempted from."), "covers")
    if reason not in REASONS:
        raise ExemptionError(_l("Choose the reason."), "reason")
    note = (note or "").strip() or None
    if reason == "other" and not note:
        raise ExemptionError(_l("Describe the reason in the note."), "note")
    end = course_end(citizen, rules)
    if end < today:
        raise ExemptionError(_l("The first 6 months of the contact course have ended, so there is nothing to exempt from."))
    if from_date < today:
        raise ExemptionError(_l("The exemption cannot start in the past."), "from_date")
    if to_date < from_date:
        raise ExemptionError(_l("The last day cannot be before the first day."), "to_date")
    if to_date > end:
        raise ExemptionError(_l("The exemption can last at most until %(date)s, the end of the first 6 months.",
                                date=fmt_date(end)), "to_date")
    at = clock.to_db(now)
    with transaction(db):
        before = queries.live_exemption(db, citizen["id"])
        if before is not None:
            queries.end_exemption(db, before["id"], caseworker_id, at)
        new_id = queries.insert_exemption(
            db, citizen_id=citizen["id"], municipality_id=citizen["municipality_id"], covers=",".join(covers),
            reason=reason, note=note, from_date=from_date.isoformat(), to_date=to_date.isoformat(),
            set_by=caseworker_id, at=at)
        audit.record(db, actor_type="caseworker", actor_id=caseworker_id, action="contact_exemption_set",
                     entity="contact_exemption", entity_id=new_id, citizen_id=citizen["id"],
                     municipality_id=citizen["municipality_id"], before=_snapshot(before),
                     after={"covers": list(covers), "reason": reason, "note": note,
                            "from_date": from_date.isoformat(), "to_date": to_date.isoformat()})
        return new_id


def end_exemption(db, *, caseworker_id: int, citizen: dict, now: datetime | None = None) -> bool:
    """End the citizen's exemption now; False when there was none."""
    at = clock.to_db(now or clock.now())
    with transaction(db):
        before = queries.live_exemption(db, citizen["id"])
        if before is None or queries.end_exemption(db, before["id"], caseworker_id, at) != 1:
            return False
        audit.record(db, actor_type="caseworker", actor_id=caseworker_id, action="contact_exemption_ended",
                     entity="contact_exemption", entity_id=before["id"], citizen_id=citizen["id"],
                     municipality_id=citizen["municipality_id"], before=_snapshot(before), after={"ended_at": at})
        return True


def _snapshot(row: dict | None) -> dict | None:
    if row is None:
        return None
    return {"covers": row["covers"].split(","), "reason": row["reason"], "note": row["note"],
            "from_date": row["from_date"], "to_date": row["to_date"]}
