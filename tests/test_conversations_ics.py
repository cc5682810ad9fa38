"""Calendar files: RFC 5545 by hand, parsed back here. Times across the summer-time changes
resolve through the file's own VTIMEZONE to the stored UTC instants; rebooking and cancelling
keep the UID and raise the SEQUENCE; lines end in CRLF and fold at 75 octets."""
import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from app import clock
from app.conversations import ics

from .conftest import login_citizen
from .test_conversations_support import at_local, citizen, english, invite, key, make_slot

CPH = ZoneInfo("Europe/Copenhagen")


# ------------------------------------------------------------------ a small RFC 5545 reader

def unfold(body: bytes) -> list[str]:
    raw = body.decode("utf-8")
    assert "\n" not in raw.replace("\r\n", ""), "bare LF"
    assert raw.endswith("\r\n")
    for line in raw.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75, line
    return raw.replace("\r\n ", "").split("\r\n")[:-1]


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def components(lines: list[str]):
    """[(name, {prop: (params, value)}, children)] for the top level."""
    stack, root = [], ("ROOT", {}, [])
    current = root
    for line in lines:
        name, _, value = line.partition(":")
        prop, *params = name.split(";")
        if prop == "BEGIN":
            child = (value, {}, [])
            current[2].append(child)
            stack.append(current)
            current = child
        elif prop == "END":
            assert current[0] == value
            current = stack.pop()
        else:
            current[1][prop] = (dict(p.split("=", 1) for p in params), value)
    return root[2]


def _last_weekday(year: int, month: int, weekday: int) -> date:
    day = (date(year, month + 1, 1) if month < 12 else date(year + 1, 1, 1)) - timedelta(days=1)
    while day.weekday() != weekday:
        day -= timedelta(days=1)
    return day


def _offset(text: str) -> timedelta:
    sign = -1 if text[0] == "-" else 1
    return sign * timedelta(hours=int(text[1:3]), minutes=int(text[3:5]))


def resolve(vtimezone, local: datetime) -> datetime:
    """UTC for a local time by the VTIMEZONE's own DAYLIGHT/STANDARD rules (BYDAY=-1SU only)."""
    onsets = []
    for name, props, _ in vtimezone[2]:
        rule = dict(part.split("=") for part in props["RRULE"][1].split(";"))
        assert rule["FREQ"] == "YEARLY" and rule["BYDAY"] == "-1SU"
        start = datetime.strptime(props["DTSTART"][1], "%Y%m%dT%H%M%S")
        onset_day = _last_weekday(local.year, int(rule["BYMONTH"]), 6)
        onsets.append((datetime.combine(onset_day, start.time()), _offset(props["TZOFFSETTO"][1]), name))
    onsets.sort()
    offset = onsets[-1][1]  # before the first onset of the year, the last one of the previous year applies
    for onset, to, _name in onsets:
        if local >= onset:
            offset = to
    return (local - offset).replace(tzinfo=timezone.utc)


def events(body: bytes):
    cal = components(unfold(body))
    assert len(cal) == 1 and cal[0][0] == "VCALENDAR"
    _, props, children = cal[0]
    assert props["VERSION"][1] == "2.0" and props["PRODID"][1]
    tz = [c for c in children if c[0] == "VTIMEZONE"]
    assert len(tz) == 1 and tz[0][1]["TZID"][1] == "Europe/Copenhagen"
    found = {}
    for name, ev, _ in children:
        if name != "VEVENT":
            continue
        params, value = ev["DTSTART"]
        assert params == {"TZID": "Europe/Copenhagen"}
        local = datetime.strptime(value, "%Y%m%dT%H%M%S")
        end = datetime.strptime(ev["DTEND"][1], "%Y%m%dT%H%M%S")
        found[ev["UID"][1]] = {
            "start_utc": resolve(tz[0], local), "end_utc": resolve(tz[0], end), "local": local,
            "sequence": int(ev["SEQUENCE"][1]), "status": ev["STATUS"][1],
            "location": unescape(ev["LOCATION"][1]), "description": unescape(ev["DESCRIPTION"][1]),
            "summary": unescape(ev["SUMMARY"][1])}
    return found


# ------------------------------------------------------------------ tests

def _conversation(db, person, local: datetime, fmt="in_person", **extra):
    starts = local.replace(tzinfo=CPH).astimezone(timezone.utc)
    return db.execute(
        "INSERT INTO conversations (citizen_id, municipality_id, held_by, kind, starts_at, ends_at, format, status,"
        " created_at, updated_at, uid, location, video_url, phone_number, prepare) VALUES (?,?, 'jobcenter', 'job',"
        " ?,?,?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [person["id"], person["municipality_id"], clock.to_db(starts), clock.to_db(starts + timedelta(minutes=45)),
         fmt, extra.get("status", "booked"), clock.to_db(clock.now()), clock.to_db(clock.now()),
         f"dst-{local:%Y%m%d%H}@minplan", extra.get("location"), extra.get("video_url"), extra.get("phone"),
         extra.get("prepare")]).lastrowid


def test_the_feed_is_right_across_both_summer_time_changes(client, db):
    english(client)
    mette = citizen(db, "Mette Jensen")
    cases = {  # local wall time -> the UTC instant it must be
        datetime(2026, 10, 23, 10, 0): datetime(2026, 10, 23, 8, 0, tzinfo=timezone.utc),   # CEST, Friday
        datetime(2026, 10, 26, 10, 0): datetime(2026, 10, 26, 9, 0, tzinfo=timezone.utc),   # CET, Monday
        datetime(2027, 3, 26, 10, 0): datetime(2027, 3, 26, 9, 0, tzinfo=timezone.utc),     # CET, Friday
        datetime(2027, 3, 29, 10, 0): datetime(2027, 3, 29, 8, 0, tzinfo=timezone.utc),     # CEST, Monday
    }
    for local in cases:
        _conversation(db, mette, local, location="Jobcenter Fjordby, Havnegade 12, 9999 Fjordby",
                      prepare="Tag dit CV med; og din liste over ansøgninger, tak. Æblegrød og ørkenrotter på vej.")
    login_citizen(client, db, "Mette Jensen")
    response = client.get("/samtaler/kalender.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    found = events(response.data)
    for local, utc in cases.items():
        event = found[f"dst-{local:%Y%m%d%H}@minplan"]
        assert event["local"] == local
        assert event["start_utc"] == utc == local.replace(tzinfo=CPH).astimezone(timezone.utc)
        assert event["end_utc"] - event["start_utc"] == timedelta(minutes=45)
        assert event["location"] == "Jobcenter Fjordby, Havnegade 12, 9999 Fjordby"
        assert "Tag dit CV med; og din liste over ansøgninger, tak. Æblegrød og ørkenrotter på vej." in event["description"]
    # Every conversation of the citizen is in the feed, each with its stable UID.
    uids = {r[0] for r in db.execute("SELECT uid FROM conversations WHERE citizen_id = ?", [mette["id"]])}
    assert uids == set(found)


def test_rebooking_and_cancelling_update_the_same_event(client, db):
    english(client)
    mette = citizen(db, "Mette Jensen")
    login_citizen(client, db, "Mette Jensen")
    first, second = make_slot(db, at_local(4, 8, 15)), make_slot(db, at_local(5, 9, 15))
    client.post(f"/samtaler/book/{invite(db, mette)}/tid/{first}", data={"format": "video", "submission_key": key()})
    conv = db.execute("SELECT * FROM conversations WHERE slot_id = ?", [first]).fetchone()

    def event():
        response = client.get(f"/samtaler/{conv['id']}.ics")
        assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
        found = events(response.data)
        assert list(found) == [conv["uid"]]
        return found[conv["uid"]]

    booked = event()
    assert booked["status"] == "CONFIRMED" and booked["location"].startswith("https://")
    assert booked["location"] in booked["description"]
    assert booked["start_utc"] == clock.from_db(conv["starts_at"])
    client.post(f"/samtaler/{conv['id']}/flyt/{second}", data={"format": "phone", "phone_number": "12 34 56 78",
                                                              "submission_key": key()})
    moved = event()
    assert moved["sequence"] > booked["sequence"] and moved["start_utc"] == clock.from_db(
        db.execute("SELECT starts_at FROM slots WHERE id = ?", [second]).fetchone()[0])
    assert "12 34 56 78" in moved["location"]
    client.post(f"/samtaler/{conv['id']}/afbud", data={"reason": "work", "submission_key": key()})
    cancelled = event()
    assert cancelled["status"] == "CANCELLED" and cancelled["sequence"] > moved["sequence"]


def test_escaping_and_folding():
    assert ics.escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    long = "DESCRIPTION:" + "æøå " * 40
    folded = ics.fold(long)
    assert all(len(line.encode("utf-8")) <= 75 for line in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == long
    assert ics.fold("SHORT:line") == "SHORT:line"
    # The VTIMEZONE's own rules agree with the time-zone database for every hour of a year.
    vtz = components(list(ics.VTIMEZONE))[0]
    hour = datetime(2027, 1, 1)
    while hour.year == 2027:
        zone = hour.replace(tzinfo=CPH)
        if zone.astimezone(timezone.utc).astimezone(CPH).replace(tzinfo=None) == hour:  # skip the missing hour
            if not (hour.month == 10 and hour.day > 24 and time(2) <= hour.time() < time(3)):  # ambiguous hour
                assert resolve(vtz, hour) == zone.astimezone(timezone.utc), hour
        hour += timedelta(hours=1)
