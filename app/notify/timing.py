"""When reminders fall due, and when e-mail and SMS may go out (quiet hours). All instants are
aware UTC; the calendar is Copenhagen's, so summer time is handled by zoneinfo."""
from datetime import date, datetime, timedelta

from .. import clock


def lead_code(lead: timedelta) -> str:
    """A short, stable name for a lead time, used in outbox keys: '1d', '2h', '90m'."""
    seconds = int(lead.total_seconds())
    if seconds % 86400 == 0:
        return f"{seconds // 86400}d"
    if seconds % 3600 == 0:
        return f"{seconds // 3600}h"
    return f"{seconds // 60}m"


def reminder_time(starts: datetime, lead: timedelta) -> datetime:
    """When a reminder `lead` before `starts` falls due. Whole days count on the wall clock ("the
    day before at the same time", also across a change to or from summer time); the rest of the
    lead is an exact duration ("two hours before")."""
    wall = clock.local(starts).replace(tzinfo=None) - timedelta(days=lead.days)
    return clock.to_utc(wall) - timedelta(seconds=lead.seconds, microseconds=lead.microseconds)


def start_of_day(day: date) -> datetime:
    return clock.local_datetime(day, 0)


def end_of_day(day: date) -> datetime:
    """The first instant after `day` in Copenhagen: a deadline on `day` runs until then."""
    return clock.local_datetime(day + timedelta(days=1), 0)


def quiet_until(now: datetime, event_at: datetime | None, hours: tuple[int, int]) -> datetime | None:
    """None when an e-mail or SMS may go now; otherwise the instant it may. Outside the send hours
    it waits for the next opening, unless what it announces comes before that opening."""
    opens_hour, closes_hour = hours
    local = clock.local(now)
    if opens_hour <= local.hour < closes_hour:
        return None
    day = local.date() if local.hour < opens_hour else local.date() + timedelta(days=1)
    opens = clock.local_datetime(day, opens_hour)
    if event_at is not None and event_at <= opens:
        return None
    return opens


def backoff(attempts: int, base_seconds: int, max_seconds: int) -> timedelta:
    """Exponential back-off after the `attempts`-th failure: base, 2*base, 4*base, ... capped."""
    return timedelta(seconds=min(base_seconds * 2 ** max(attempts - 1, 0), max_seconds))
