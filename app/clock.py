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
