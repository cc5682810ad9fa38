"""Calendar files (RFC 5545), written by hand: a VCALENDAR with a VTIMEZONE for Europe/Copenhagen,
local DTSTART/DTEND with TZID (UTC inside the repeated October hour), a stable UID and a SEQUENCE bumped on every change, so a
calendar that imported the event updates it (or marks it cancelled) instead of adding a new one.
Lines end in CRLF and are folded at 75 octets."""
from datetime import datetime
from typing import Callable, Iterable

from flask_babel import gettext as _

from .. import clock, labels

TZID = "Europe/Copenhagen"

# Central European Time with EU summer time: last Sunday of March 02:00 -> 03:00, last Sunday
# of October 03:00 -> 02:00 (local wall times).
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 5545 3.1)."""
    out, current, size, limit = [], "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _local(value: str) -> str:
    return clock.local(clock.from_db(value)).strftime("%Y%m%dT%H%M%S")


def _moment(name: str, value: str) -> str:
    """Local time with TZID, except inside the hour that occurs twice: a local wall time there is
    read as its first occurrence by calendars (RFC 5545 3.3.5), so such an instant is written in UTC."""
    if clock.in_repeated_hour(clock.from_db(value)):
        return f"{name}:{_utc(value)}"
    return f"{name};TZID={TZID}:{_local(value)}"


def _utc(value: str | datetime) -> str:
    moment = clock.from_db(value) if isinstance(value, str) else value
    return clock.to_utc(moment).strftime("%Y%m%dT%H%M%SZ")


def where(conv: dict) -> str:
    if conv["format"] == "video":
        return conv["video_url"] or ""
    if conv["format"] == "phone":
        return _("We will call you on %(number)s", number=conv["phone_number"] or _("the number you have given us"))
    return conv["location"] or ""


def event(conv: dict, *, jobcenter: str, link: str | None = None) -> list[str]:
    cancelled = conv["status"] in ("cancelled_citizen", "cancelled_jobcenter")
    held_by = jobcenter if conv["held_by"] == "jobcenter" else _("your a-kasse")
    summary = _("%(kind)s with %(who)s", kind=labels.label(labels.CONVERSATION_KINDS, conv["kind"]), who=held_by)
    if cancelled:
        summary = _("Cancelled: %(summary)s", summary=summary)
    description = [_("How: %(format)s", format=labels.label(labels.FORMATS, conv["format"]))]
    if conv["format"] == "video" and conv["video_url"]:
        description.append(_("Join the video conversation: %(url)s", url=conv["video_url"]))
    elif conv["format"] == "phone":
        description.append(where(conv))
    elif conv["location"]:
        description.append(_("Where: %(place)s", place=conv["location"]))
    if conv.get("prepare"):
        description.append(_("Prepare: %(text)s", text=conv["prepare"]))
    if link:
        description.append(_("See or change the conversation in Min Plan: %(url)s", url=link))
    lines = [
        "BEGIN:VEVENT",
        f"UID:{conv['uid']}",
        f"SEQUENCE:{conv['sequence']}",
        f"DTSTAMP:{_utc(conv['updated_at'] if conv['updated_at'] and 'T' in conv['updated_at'] else clock.now())}",
        _moment("DTSTART", conv["starts_at"]),
        _moment("DTEND", conv["ends_at"]),
        f"SUMMARY:{escape(summary)}",
        f"LOCATION:{escape(where(conv))}",
        f"DESCRIPTION:{escape(chr(10).join(description))}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
    ]
    if link:
        lines.append(f"URL:{link}")
    if conv["format"] == "video" and conv["video_url"] and not cancelled:
        lines.append(f"CONFERENCE;VALUE=URI;FEATURE=VIDEO:{conv['video_url']}")
    lines.append("END:VEVENT")
    return lines


def calendar(conversations: Iterable[dict], *, jobcenter: str, name: str,
             link: Callable[[dict], str] | None = None) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Min Plan//Conversations//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for conv in conversations:
        lines.extend(event(conv, jobcenter=jobcenter, link=link(conv) if link else None))
    lines.append("END:VCALENDAR")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
