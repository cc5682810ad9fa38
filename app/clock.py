"""The one source of the current time, so tests can move it (time-machine patches datetime)."""
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Europe/Copenhagen")


def now() -> datetime:
    """Aware UTC now."""
    return datetime.now(timezone.utc)


def today() -> date:
    """Today's date as a citizen in Denmark sees it."""
    return now().astimezone(LOCAL_TZ).date()


def to_utc(value: datetime) -> datetime:
    """An aware datetime in UTC; a naive one is taken as Copenhagen wall time."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=LOCAL_TZ)
    return value.astimezone(timezone.utc)


def local(value: datetime) -> datetime:
    return to_utc(value).astimezone(LOCAL_TZ)


def to_db(value: datetime) -> str:
    """How every instant is stored: UTC ISO 8601, seconds, so text order is time order. The
    year is always four digits (strftime's %Y gives "1" for year 1, which from_db cannot read)."""
    utc = to_utc(value)
    return f"{utc.year:04d}-{utc:%m-%dT%H:%M:%S}Z"


def from_db(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def local_datetime(day: date, hour: int, minute: int = 0) -> datetime:
    """Copenhagen wall time on `day` as aware UTC (summer time handled by zoneinfo)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LOCAL_TZ).astimezone(timezone.utc)


class NonexistentLocalTime(ValueError):
    """A Copenhagen wall time skipped when summer time starts (02:00-03:00 on the last Sunday of March)."""


class AmbiguousLocalTime(ValueError):
    """A Copenhagen wall time that occurs twice when summer time ends (02:00-03:00 on the last
    Sunday of October): which one is meant must be asked, not guessed."""


def wall_time(day: date, hour: int, minute: int = 0, *, fold: int | None = None) -> datetime:
    """A wall time a person typed, as aware UTC. Unlike local_datetime, it refuses a time that does
    not exist and, unless `fold` says which (0: the first, in summer time; 1: the second, in
    winter time), one that exists twice."""
    naive = datetime(day.year, day.month, day.day, hour, minute)
    first, second = naive.replace(tzinfo=LOCAL_TZ, fold=0), naive.replace(tzinfo=LOCAL_TZ, fold=1)
    if first.utcoffset() != second.utcoffset():
        if first.astimezone(timezone.utc).astimezone(LOCAL_TZ).replace(tzinfo=None) != naive:
            raise NonexistentLocalTime(naive)
        if fold is None:
            raise AmbiguousLocalTime(naive)
        return (second if fold else first).astimezone(timezone.utc)
    return first.astimezone(timezone.utc)


def in_repeated_hour(value: datetime) -> bool:
    """True for an instant whose Copenhagen wall time occurs twice that night, so showing the
    wall time alone would not say which instant it is."""
    wall = local(value).replace(tzinfo=None)
    return wall.replace(tzinfo=LOCAL_TZ, fold=0).utcoffset() != wall.replace(tzinfo=LOCAL_TZ, fold=1).utcoffset()


def is_summer_time(value: datetime) -> bool:
    return bool(local(value).dst())
