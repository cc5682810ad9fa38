"""Dates people type or send, kept to a sane window around today; and date arithmetic that
holds at the calendar's ends instead of failing.

The window is no rule of the law: it only keeps typing errors (year 9999, year 1) out of the
data, where adding a day or a period to them overflows Python's calendar (OverflowError, a
500). Each field may narrow it; the rules then check what they check."""
from datetime import date, timedelta

from . import clock

# SETTING: how far back and ahead a typed date may lie, unless a field says otherwise.
WINDOW_BACK = timedelta(days=2 * 365)
WINDOW_AHEAD = timedelta(days=2 * 365)
# SETTING: a conversation (a published time, a summons, a booking window) is planned at most
# this far ahead.
PLANNING_AHEAD = timedelta(days=365)


def window(back: timedelta = WINDOW_BACK, ahead: timedelta = WINDOW_AHEAD,
           today: date | None = None) -> tuple[date, date]:
    today = today or clock.today()
    return today - back, today + ahead


def within(day: date, back: timedelta = WINDOW_BACK, ahead: timedelta = WINDOW_AHEAD,
           today: date | None = None) -> bool:
    first, last = window(back, ahead, today)
    return first <= day <= last


def from_iso(raw: str | None) -> date | None:
    """A date from a query string (YYYY-MM-DD) inside the window, else None."""
    try:
        day = date.fromisoformat(raw) if raw else None
    except ValueError:
        return None
    return day if day is not None and within(day) else None


def add_days(day: date, days: int) -> date:
    """`day + days`, held at the first or last day there is. For dates already stored (typed
    before they were checked, or imported): a page reading them must still open."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min
