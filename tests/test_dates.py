"""Dates far away: every date field keeps to a window around today (app/dates.py) with a clear
message in the reader's language, and pages that read dates stored before that (year 9999 or
1) still open: the date arithmetic holds at the calendar's ends."""
from datetime import date, timedelta

import pytest

from app import clock, dates
from app.joblog.periods import period_for, periods_and_gaps
from app.workdays import next_working_day
from app.rules.sets import GROUPS

from .conftest import citizen_id, login_caseworker, login_citizen
from .test_conversations_support import citizen, invite, key, make_slot, text
from .test_joblog_entries import entry

FAR = ["9999-12-31", "0001-01-01", "1000-01-01"]


def test_add_days_holds_at_the_calendars_ends():
    assert dates.add_days(date(2026, 11, 17), 3) == date(2026, 11, 20)
    assert dates.add_days(date.max, 1) == date.max and dates.add_days(date.min, -1) == date.min
    assert dates.from_iso("0001-01-01") is None and dates.from_iso("2026-02-30") is None
    assert dates.from_iso(clock.today().isoformat()) == clock.today()


def test_periods_at_the_calendars_ends():
    for group in GROUPS:
        for day in (date.max, date.min, date(9999, 12, 27)):
            period = period_for(group, day)
            assert period is None or period.contains(day)
    assert next_working_day(date.max) == date.max
    assert periods_and_gaps("dagpenge", date(9999, 12, 1), date.max)


@pytest.mark.parametrize("locale,says", [("da", "Skriv en dato fra"), ("en", "Enter a date from")])
def test_a_joblog_date_far_away_is_refused_with_a_message(client, db, locale, says):
    client.post(f"/sprog/{locale}")
    login_citizen(client, db, "Mette Jensen")
    before = db.execute("SELECT COUNT(*) FROM joblog_entries").fetchone()[0]
    for far in FAR:
        for kind in ("advertised", "interview"):
            response = client.post("/joblog/ny", data=entry(kind=kind, applied_on=far))
            page = response.get_data(as_text=True)
            assert response.status_code == 400 and says in page, (far, kind)
    assert db.execute("SELECT COUNT(*) FROM joblog_entries").fetchone()[0] == before


def _slot_data(day):
    return {"day": day, "start": "10:00", "minutes": "45", "in_a_row": "1", "repeat_weeks": "0", "offer_phone": "y"}


@pytest.mark.parametrize("locale,says", [("da", "Skriv en dato fra"), ("en", "Enter a date from")])
def test_caseworker_dates_far_away_are_refused_with_a_message(client, db, locale, says):
    client.post(f"/sprog/{locale}")
    login_caseworker(client)
    ali = citizen_id(db, "Ali Hassan")
    counts = [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("slots", "conversations", "booking_invitations")]
    ok_day = (clock.today() + timedelta(days=7)).isoformat()
    for far in FAR:
        response = client.post("/sagsbehandler/tider", data=_slot_data(far))
        assert response.status_code == 400 and says in response.get_data(as_text=True), far
        response = client.post(f"/sagsbehandler/borger/{ali}/indkald", data={
            "kind": "job", "day": far, "start": "09:00", "minutes": "45", "format": "phone",
            "phone_number": "12345678", "submission_key": key()})
        assert response.status_code == 400 and says in response.get_data(as_text=True), far
        for name in ("deadline", "window_start", "window_end"):
            data = {"kind": "job", "deadline": ok_day, "window_start": ok_day, "window_end": ok_day,
                    "submission_key": key(), name: far}
            response = client.post(f"/sagsbehandler/borger/{ali}/selvbooking", data=data)
            assert response.status_code == 400 and says in response.get_data(as_text=True), (far, name)
    assert counts == [db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                      for t in ("slots", "conversations", "booking_invitations")]
    # A year ahead is the end of planning: a published time a little later is refused too.
    beyond = (clock.today() + dates.PLANNING_AHEAD + timedelta(days=1)).isoformat()
    assert client.post("/sagsbehandler/tider", data=_slot_data(beyond)).status_code == 400


@pytest.mark.parametrize("week", ["0001-01-01", "9999-12-31", "2026-02-30", "x", "1900-01-01"])
def test_the_times_page_with_a_week_far_away_shows_this_week(client, db, week):
    login_caseworker(client)
    response = client.get(f"/sagsbehandler/tider?uge={week}")
    assert response.status_code == 200
    assert text(response) == text(client.get("/sagsbehandler/tider"))


# ------------------------------------------------------------------ stored before dates were checked

@pytest.mark.parametrize("year", [9999, 1])
def test_stored_far_dates_do_not_break_the_citizens_or_the_caseworkers_pages(app, db, year):
    mette = citizen(db, "Mette Jensen")
    day = date(year, 12, 31) if year == 9999 else date(1, 1, 1)
    starts = clock.local_datetime(day, 10) if year == 9999 else clock.local_datetime(date(1, 1, 2), 10)
    summons = db.execute(
        "INSERT INTO conversations (citizen_id, municipality_id, kind, held_by, starts_at, ends_at, format, status,"
        " uid, created_at, updated_at) VALUES (?,?, 'job', 'jobcenter', ?,?, 'in_person', 'booked', 'far', 'x', 'x')",
        [mette["id"], mette["municipality_id"], clock.to_db(starts), clock.to_db(starts + timedelta(minutes=45))]).lastrowid
    inv = invite(db, mette, start=clock.today() if year == 9999 else day, end=date.max, deadline=date.max)
    make_slot(db, starts)
    db.execute("INSERT INTO joblog_entries (citizen_id, kind, employer, job_title, applied_on, status, created_at,"
               " updated_at) VALUES (?, 'interview', 'Langt ude', 'X', ?, 'sent', 'x', 'x')",
               [mette["id"], day.isoformat()])
    client = app.test_client()
    login_citizen(client, db, "Mette Jensen")
    for url in ("/min-plan", "/samtaler", f"/samtaler/{summons}", f"/samtaler/{summons}/flyt", f"/samtaler/book/{inv}",
                "/joblog", "/joblog/eksport.csv", "/samtaler/kalender.ics", f"/samtaler/{summons}.ics"):
        assert client.get(url).status_code == 200, url
    worker = app.test_client()
    login_caseworker(worker)
    for url in ("/sagsbehandler/", f"/sagsbehandler/borger/{mette['id']}", f"/sagsbehandler/joblog/borger/{mette['id']}",
                "/sagsbehandler/joblog", "/sagsbehandler/tider"):
        assert worker.get(url).status_code == 200, url
    assert "Langt ude" not in text(client.get("/joblog")) or year == 1
