"""Wall times a caseworker types on the nights summer time starts and ends: a time that does not
exist is refused with a clear message, one that exists twice is asked about, and an instant in the
repeated hour is shown and written to calendars so it cannot be read as the other one."""
from datetime import date, datetime, time, timedelta, timezone

import pytest

from app import clock

from .conftest import login_citizen
from .test_conversations_caseworker import _clients
from .test_conversations_support import citizen, key, text


def _next_change(month: int) -> date:
    """The next last Sunday of `month` (3: summer time starts, 10: it ends) after today, so the
    test runs at whatever instant the suite does."""
    year = clock.today().year
    while True:
        last = date(year, month + 1, 1) - timedelta(days=1)
        sunday = last - timedelta(days=(last.weekday() - 6) % 7)
        if sunday > clock.today() + timedelta(days=1):
            return sunday
        year += 1


def test_wall_time_refuses_the_skipped_hour_and_asks_about_the_repeated_one():
    with pytest.raises(clock.NonexistentLocalTime):
        clock.wall_time(date(2027, 3, 28), 2, 30)
    with pytest.raises(clock.AmbiguousLocalTime):
        clock.wall_time(date(2026, 10, 25), 2, 30)
    assert clock.wall_time(date(2026, 10, 25), 2, 30, fold=0) == datetime(2026, 10, 25, 0, 30, tzinfo=timezone.utc)
    assert clock.wall_time(date(2026, 10, 25), 2, 30, fold=1) == datetime(2026, 10, 25, 1, 30, tzinfo=timezone.utc)
    assert clock.wall_time(date(2027, 3, 28), 3, 0) == datetime(2027, 3, 28, 1, 0, tzinfo=timezone.utc)
    assert clock.in_repeated_hour(datetime(2026, 10, 25, 1, 15, tzinfo=timezone.utc))
    assert not clock.in_repeated_hour(datetime(2026, 10, 25, 2, 0, tzinfo=timezone.utc))   # 03:00 CET


@pytest.mark.instant("2027-03-01 10:00", "the night summer time starts must be ahead, inside the window for new times")
def test_a_time_that_does_not_exist_is_refused_on_publish_and_summon(app, db):
    web, caseworker = _clients(app)
    day = _next_change(3)
    before = db.execute("SELECT COUNT(*) FROM slots").fetchone()[0]
    data = {"day": day.isoformat(), "start": "02:30", "minutes": "30", "in_a_row": "1", "repeat_weeks": "0",
            "offer_phone": "y", "offer_video": "y", "location": ""}
    refused = caseworker.post("/sagsbehandler/tider", data=data)
    assert refused.status_code == 400
    assert "02:30 does not exist on" in text(refused) and "the clocks go forward from 02:00 to 03:00" in text(refused)
    assert db.execute("SELECT COUNT(*) FROM slots").fetchone()[0] == before
    # A weekly series that reaches the night is refused as a whole, not stored in part.
    series = caseworker.post("/sagsbehandler/tider", data={**data, "day": (day - timedelta(weeks=1)).isoformat(),
                                                            "repeat_weeks": "2"})
    assert series.status_code == 400 and db.execute("SELECT COUNT(*) FROM slots").fetchone()[0] == before

    sofie = citizen(db, "Sofie Nielsen")
    summon = caseworker.post(f"/sagsbehandler/borger/{sofie['id']}/indkald", data={
        "kind": "job", "day": day.isoformat(), "start": "02:15", "minutes": "45", "format": "in_person",
        "location": "Havnegade 12", "submission_key": key()})
    assert summon.status_code == 400 and "02:15 does not exist on" in text(summon)


@pytest.mark.instant("2026-10-01 10:00", "the night summer time ends must be ahead, inside the window for new times")
def test_a_time_that_exists_twice_is_asked_about_then_shown_with_which_it_is(app, db):
    web, caseworker = _clients(app)
    day = _next_change(10)
    data = {"day": day.isoformat(), "start": "02:30", "minutes": "45", "in_a_row": "1", "repeat_weeks": "0",
            "offer_phone": "y", "offer_video": "y", "location": ""}
    asked = caseworker.post("/sagsbehandler/tider", data=data)
    assert asked.status_code == 400 and "02:30 occurs twice on" in text(asked)
    page = asked.get_data(as_text=True)
    assert 'value="first"' in page and 'value="second"' in page and 'value="02:30"' in page   # kept what was typed

    first = caseworker.post("/sagsbehandler/tider", data={**data, "occurrence": "first"})
    assert first.status_code == 302
    starts, ends = db.execute("SELECT starts_at, ends_at FROM slots ORDER BY id DESC LIMIT 1").fetchone()
    assert starts == f"{day.isoformat()}T00:30:00Z" and ends == f"{day.isoformat()}T01:15:00Z"
    week = text(caseworker.get(first.headers["Location"]))
    # The end is in the second 02:00-03:00: both are marked, so the end is not read as before the start.
    assert "02:30 (summer time)" in week and "02:15 (winter time)" in week


def test_an_instant_in_the_repeated_hour_goes_to_calendars_in_utc(client, db):
    from .test_conversations_ics import _conversation
    mette = citizen(db, "Mette Jensen")
    day = _next_change(10)
    second = datetime(day.year, day.month, day.day, 2, 15)   # the wall time, as the helper takes it
    conv = _conversation(db, mette, second, location="Havnegade 12")
    instant = clock.wall_time(day, 2, 15, fold=1)
    db.execute("UPDATE conversations SET starts_at = ?, ends_at = ? WHERE id = ?",
               [clock.to_db(instant), clock.to_db(instant + timedelta(minutes=45)), conv])
    login_citizen(client, db, "Mette Jensen")
    ics = client.get(f"/samtaler/{conv}.ics").get_data(as_text=True)
    assert f"DTSTART:{instant:%Y%m%dT%H%M%S}Z" in ics          # 01:15 UTC, not a local 02:15 read as the first
    assert "DTEND;TZID=Europe/Copenhagen:" in ics             # 02:00 UTC is 03:00 CET: no doubt there
    assert time(2, 15) == clock.local(instant).time()
