"""The caseworker's follow-up queue for one municipality: what came in, what is due, who is near
the benefit limit, and what citizens asked for."""
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .. import clock
from ..rules import GROUPS, rules_for
from . import overview, queries


@dataclass
class Queue:
    forms_in: list = field(default_factory=list)        # (citizen, ov): form sent back since the last follow-up
    forms_waiting: list = field(default_factory=list)   # (citizen, ov): sent, not back yet
    status_in: list = field(default_factory=list)       # conversation rows with answers
    due: list = field(default_factory=list)             # (citizen, ov): the next required follow-up
    near_limit: list = field(default_factory=list)      # (citizen, ov)
    digital_first: list = field(default_factory=list)   # pending format requests for a first follow-up
    requests: list = field(default_factory=list)        # open requests for a conversation
    exempt: list = field(default_factory=list)          # (citizen, ov): no required follow-ups
    after_return: list = field(default_factory=list)    # (conversation row, ov): booked on/after a full return
    shown: int = 50                                     # rows shown per list; the rest are counted

    @property
    def overdue(self) -> list:
        return [(c, ov) for c, ov in self.due if ov.overdue]


def sick_groups(today: date) -> list[str]:
    return [group for group in GROUPS if rules_for(group, today).sick is not None]


def assembled(db, municipality_id: int, now: datetime, only: list[int] | None = None):
    """Each sick-listed citizen of the municipality with their overview, from a handful of
    set-wise queries and plain date arithmetic per citizen, as ([(citizen, overview, held stats,
    upcoming rows)], open requests, booked follow-ups with status answers). `only`: just these
    citizens (the few I dag lists, app/followup/watch.py)."""
    ids = json.dumps(sorted(only)) if only is not None else None
    now_s = clock.to_db(now)
    today = clock.local(now).date()
    citizens = queries.citizens_in_groups(db, municipality_id, sick_groups(today), only=ids)
    cases = {row["citizen_id"]: row for row in queries.cases_in_municipality(db, municipality_id, only=ids)}
    forms = {row["case_id"]: row for row in queries.forms_in_municipality(db, municipality_id, only=ids)}
    held = {row["citizen_id"]: row for row in queries.held_stats(db, municipality_id, only=ids)}
    upcoming = {}
    for row in queries.upcoming_in_municipality(db, municipality_id, now_s, only=ids):
        upcoming.setdefault(row["citizen_id"], []).append(row)
    requests = queries.open_requests(db, municipality_id)
    open_by_citizen = {row["citizen_id"]: row for row in requests}
    found = []
    for citizen in citizens:
        case = cases.get(citizen["id"])
        stats = held.get(citizen["id"])
        ov = overview.assemble(
            citizen, case, forms.get(case["id"]) if case else None, held_count=stats["n"] if stats else 0,
            latest_held={"starts_at": stats["latest"]} if stats else None, upcoming=upcoming.get(citizen["id"], []),
            open_request=open_by_citizen.get(citizen["id"]), now=now)
        found.append((citizen, ov, stats, upcoming.get(citizen["id"], [])))
    # Status answers in, for every booked follow-up (its citizen may since have left the groups).
    answered = sorted((row for rows in upcoming.values() for row in rows if row["answers_id"] is not None),
                      key=lambda row: row["starts_at"])
    return found, requests, answered


def form_came_in(ov, latest_held: str | None) -> bool:
    """The information form was sent back since the latest follow-up held."""
    return ov.form_state == "submitted" and ov.form["submitted_at"] > (latest_held or "")


def build(db, municipality_id: int, now: datetime | None = None, only: list[int] | None = None) -> Queue:
    """The queue; `only`: of just these citizens (the ones I dag lists)."""
    now = now or clock.now()
    found, requests, answered = assembled(db, municipality_id, now, only=only)
    queue = Queue()
    for citizen, ov, stats, upcoming in found:
        if ov.form_state == "open":
            queue.forms_waiting.append((citizen, ov))
        elif form_came_in(ov, stats["latest"] if stats else None):
            queue.forms_in.append((citizen, ov))
        if ov.schedule.next_deadline is not None:
            queue.due.append((citizen, ov))
        elif not ov.schedule.required:
            queue.exempt.append((citizen, ov))
        if ov.standing.near_limit:
            queue.near_limit.append((citizen, ov))
        queue.after_return.extend((conv, ov) for conv in ov.upcoming if ov.after_return(conv))
    queue.forms_waiting.sort(key=lambda item: item[1].deadline.deadline)
    queue.due.sort(key=lambda item: item[1].schedule.next_deadline)
    queue.near_limit.sort(key=lambda item: -item[1].standing.counted_days)
    queue.after_return.sort(key=lambda item: item[0]["starts_at"])
    queue.status_in = answered
    queue.digital_first = queries.digital_first_requests(db, municipality_id)
    queue.requests = requests
    return queue


SOON_DAYS = 7  # "I dag" shows the follow-ups due within a week, and overdue ones


def watch_row(ov, latest_held: str | None, upcoming: list, today: date) -> dict:
    """What the I dag panel counts and lists of one citizen: the follow-up index's row."""
    deadline = ov.schedule.next_deadline
    soon = deadline is not None and deadline <= today + timedelta(days=SOON_DAYS)
    return {"soon_deadline": deadline.isoformat() if soon else None,
            "forms_in": int(form_came_in(ov, latest_held)),
            "status_in": sum(1 for row in upcoming if row.get("answers_id") is not None),
            "near_limit": int(bool(ov.standing.near_limit)),
            "after_return": int(any(ov.after_return(conv) for conv in ov.upcoming))}


def due_soon(queue: Queue, today: date, days: int = SOON_DAYS) -> list:
    """Follow-ups whose deadline is within `days` (booked or not), and overdue ones."""
    horizon = today + timedelta(days=days)
    return [(c, ov) for c, ov in queue.due if ov.schedule.next_deadline <= horizon]
