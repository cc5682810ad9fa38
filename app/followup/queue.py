"""The caseworker's follow-up queue for one municipality: what came in, what is due, who is near
the benefit limit, and what citizens asked for."""
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


def build(db, municipality_id: int, now: datetime | None = None) -> Queue:
    """A handful of set-wise queries for the whole municipality, then plain date arithmetic per citizen."""
    now = now or clock.now()
    now_s = clock.to_db(now)
    today = clock.local(now).date()
    citizens = queries.citizens_in_groups(db, municipality_id, sick_groups(today))
    cases = {row["citizen_id"]: row for row in queries.cases_in_municipality(db, municipality_id)}
    forms = {row["case_id"]: row for row in queries.forms_in_municipality(db, municipality_id)}
    held = {row["citizen_id"]: row for row in queries.held_stats(db, municipality_id)}
    upcoming = {}
    for row in queries.upcoming_in_municipality(db, municipality_id, now_s):
        upcoming.setdefault(row["citizen_id"], []).append(row)
    requests = queries.open_requests(db, municipality_id)
    open_by_citizen = {row["citizen_id"]: row for row in requests}

    queue = Queue()
    for citizen in citizens:
        case = cases.get(citizen["id"])
        stats = held.get(citizen["id"])
        ov = overview.assemble(
            citizen, case, forms.get(case["id"]) if case else None, held_count=stats["n"] if stats else 0,
            latest_held={"starts_at": stats["latest"]} if stats else None, upcoming=upcoming.get(citizen["id"], []),
            open_request=open_by_citizen.get(citizen["id"]), now=now)
        if ov.form_state == "open":
            queue.forms_waiting.append((citizen, ov))
        elif ov.form_state == "submitted" and ov.form["submitted_at"] > (stats["latest"] if stats else ""):
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
    queue.status_in = [row for rows in upcoming.values() for row in rows if row["answers_id"] is not None]
    queue.status_in.sort(key=lambda row: row["starts_at"])
    queue.digital_first = queries.digital_first_requests(db, municipality_id)
    queue.requests = requests
    return queue


def due_soon(queue: Queue, today: date, days: int = 7) -> list:
    """Follow-ups whose deadline is within `days` (booked or not), and overdue ones."""
    horizon = today + timedelta(days=days)
    return [(c, ov) for c, ov in queue.due if ov.schedule.next_deadline <= horizon]
