"""Published times (tider) a citizen can book: publish single or weekly recurring times,
withdraw unbooked ones, the caseworker's week view; and the ratings, in aggregate only."""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l

from .. import audit, clock
from ..db import transaction
from ..i18n import fmt_datetime
from ..rules import FORMATS
from . import queries_caseworker as cq
from .booking import day_bounds
from .decisions import Caseworker
from .service import ConversationError, typed_time

MAX_IN_A_ROW = 8
MAX_REPEAT_WEEKS = 12
# Ratings are shown only when there are at least this many, so no single citizen can be picked out.
MIN_RATINGS_SHOWN = 3


def publish(db, *, caseworker, day: date, start: time, minutes: int, in_a_row: int, repeat_weeks: int,
            formats: list[str], location: str | None, occurrence: str | None = None,
            now: datetime | None = None) -> list[int]:
    """Publish `in_a_row` back-to-back times from `start` on `day`, and the same every week for
    `repeat_weeks` more weeks. Times in the past or clashing with the caseworker's own open
    times are refused."""
    cw = Caseworker.of(caseworker)
    now = now or clock.now()
    at = clock.to_db(now)
    formats = [f for f in FORMATS if f in formats]
    location = (location or "").strip() or None
    if not formats:
        raise ConversationError(_l("Choose at least one way of meeting."), "offer_in_person")
    if "in_person" in formats and not location:
        raise ConversationError(_l("Enter the place for conversations in person."), "location")
    if not 1 <= in_a_row <= MAX_IN_A_ROW or not 0 <= repeat_weeks <= MAX_REPEAT_WEEKS:
        raise ConversationError(_l("Check the number of times."), "in_a_row")
    ids = []
    with transaction(db):
        for week in range(repeat_weeks + 1):
            first = typed_time(day + timedelta(weeks=week), start, occurrence)
            for n in range(in_a_row):
                starts = first + timedelta(minutes=minutes * n)
                ends = starts + timedelta(minutes=minutes)
                if starts <= now:
                    raise ConversationError(_l("The times must be in the future."), "day")
                if cq.slot_clash(db, cw.municipality_id, cw.id, clock.to_db(starts), clock.to_db(ends)):
                    raise ConversationError(_l("You already have a published time that overlaps %(when)s.",
                                               when=fmt_datetime(starts)), "start")
                ids.append(cq.insert_slot(db, municipality_id=cw.municipality_id, caseworker_id=cw.id,
                                          starts_at=clock.to_db(starts), ends_at=clock.to_db(ends),
                                          formats=",".join(formats), location=location, at=at))
        audit.record(db, actor_type="caseworker", actor_id=cw.id, action="slots_published", entity="slot",
                     entity_id=ids[0], municipality_id=cw.municipality_id,
                     after={"count": len(ids), "slot_ids": ids, "formats": formats, "location": location,
                            "first_starts_at": clock.to_db(typed_time(day, start, occurrence))})
    return ids


def withdraw(db, *, caseworker, slot_id: int, now: datetime | None = None) -> None:
    cw = Caseworker.of(caseworker)
    with transaction(db):
        if cq.withdraw_slot(db, slot_id, cw.municipality_id) != 1:
            raise ConversationError(_l("That time is booked or already withdrawn, so it cannot be withdrawn."))
        audit.record(db, actor_type="caseworker", actor_id=cw.id, action="slot_withdrawn", entity="slot",
                     entity_id=slot_id, municipality_id=cw.municipality_id, after={"status": "withdrawn"})


@dataclass
class WeekDay:
    day: date
    slots: list = field(default_factory=list)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week(db, municipality_id: int, monday: date) -> list[WeekDay]:
    start, end = day_bounds(monday, monday + timedelta(days=6))
    days = {monday + timedelta(days=i): WeekDay(monday + timedelta(days=i)) for i in range(7)}
    for slot in cq.slots_between(db, municipality_id, start, end):
        days[clock.local(clock.from_db(slot["starts_at"])).date()].slots.append(slot)
    return [d for d in days.values() if d.slots or d.day.weekday() < 5]


@dataclass
class RatingSummary:
    count: int
    average: float | None
    counts: dict
    comments: list
    since: date


def ratings(db, municipality_id: int, today: date, days: int = 90) -> RatingSummary:
    since = today - timedelta(days=days)
    counts = cq.rating_counts(db, municipality_id, clock.to_db(clock.local_datetime(since, 0)))
    total = sum(counts.values())
    if total < MIN_RATINGS_SHOWN:
        return RatingSummary(total, None, {}, [], since)
    average = sum(k * v for k, v in counts.items()) / total
    comments = cq.rating_comments(db, municipality_id, clock.to_db(clock.local_datetime(since, 0)))
    return RatingSummary(total, round(average, 1), {n: counts.get(n, 0) for n in range(1, 7)}, comments, since)
