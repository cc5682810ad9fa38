"""Choosing a time by day first (issue 14): the booking and moving pages list the days with free
times, each linking to that day's times (no JavaScript needed); one day's times only on a page;
the only day's times at once; a day that is not a date, or has no free times, gives the day list
again with a clear message, never a 500. Step 2 is not headed "Check your answers"."""
from datetime import date

from app import clock
from app.conversations import booking
from app.conversations.booking import Day

from .conftest import login_citizen
from .test_conversations_support import (at_local, citizen, day_of, english, invite, make_slot, only_slot, text)


def _slot(starts: str, id_: int) -> dict:
    return {"id": id_, "starts_at": starts}


def test_day_choices_count_each_days_times_and_keep_their_order():
    days = [Day(date(2026, 11, 18), [_slot("2026-11-18 08:00:00", 1), _slot("2026-11-18 09:30:00", 2),
                                      _slot("2026-11-18 13:00:00", 3)]),
            Day(date(2026, 11, 19), [_slot("2026-11-19 10:00:00", 4)]),
            Day(date(2026, 11, 20), [])]
    choices = booking.day_choices(days)
    assert [(c.day, c.count, c.first, c.last) for c in choices] == [
        (date(2026, 11, 18), 3, "2026-11-18 08:00:00", "2026-11-18 13:00:00"),
        (date(2026, 11, 19), 1, "2026-11-19 10:00:00", "2026-11-19 10:00:00")]  # a day without times is left out
    assert booking.times_on(days, date(2026, 11, 19)).slots == [_slot("2026-11-19 10:00:00", 4)]
    assert booking.times_on(days, date(2026, 11, 20)) is None
    assert booking.times_on(days, date(2026, 11, 21)) is None
    assert booking.parse_day("2026-11-18") == date(2026, 11, 18)
    for bad in (None, "", "18-11-2026", "2026-02-30", "2026-11-18T00", "x" * 10, "20261118"):
        assert booking.parse_day(bad) is None, bad


def _three_days(db):
    """Eight free times over three days (3, 4 and 1), nothing else published."""
    only_slot(db, at_local(2, 8, 0))
    slots = [make_slot(db, at_local(2, h, 0)) for h in (10, 13)]
    slots += [make_slot(db, at_local(3, h, 30)) for h in (8, 9, 11, 14)]
    slots += [make_slot(db, at_local(6, 9, 0))]
    return slots


def test_the_booking_page_lists_days_and_each_day_shows_only_its_times(client, db):
    english(client)
    mette = citizen(db, "Mette Jensen")
    slots = _three_days(db)
    inv = invite(db, mette)
    login_citizen(client, db, "Mette Jensen")
    page = client.get(f"/samtaler/book/{inv}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<h1>Choose a day</h1>" in html
    assert "/tid/" not in html  # no times yet: a day first
    days = sorted({day_of(db, s) for s in slots})
    for day in days:
        assert f'href="/samtaler/book/{inv}?dag={day}"' in html
    body = text(page)
    assert "3 free times, " in body
    assert "4 free times" in body and "1 free time at" in body

    chosen = client.get(f"/samtaler/book/{inv}?dag={days[1]}")
    html = chosen.get_data(as_text=True)
    assert chosen.status_code == 200 and "<h1>Choose a time</h1>" in html
    assert "Choose another day" in text(chosen)
    listed = [s for s in slots if f"/samtaler/book/{inv}/tid/{s}\"" in html]
    assert listed == [s for s in slots if day_of(db, s) == days[1]] and len(listed) == 4


def test_the_only_day_shows_its_times_at_once(client, db):
    english(client)
    mette = citizen(db, "Mette Jensen")
    slot = only_slot(db, at_local(3, 9, 0))
    second = make_slot(db, at_local(3, 11, 0))
    inv = invite(db, mette)
    login_citizen(client, db, "Mette Jensen")
    html = client.get(f"/samtaler/book/{inv}").get_data(as_text=True)
    assert "<h1>Choose a time</h1>" in html and "Choose another day" not in html
    assert f"/tid/{slot}\"" in html and f"/tid/{second}\"" in html


def test_a_day_that_is_not_a_date_or_has_no_times_gives_the_day_list_again(client, db):
    english(client)
    mette = citizen(db, "Mette Jensen")
    slots = _three_days(db)
    inv = invite(db, mette)
    login_citizen(client, db, "Mette Jensen")
    for bad in ("tomorrow", "2026-13-01", "2026-11-18%27", "9" * 400):
        response = client.get(f"/samtaler/book/{inv}?dag={bad}")
        assert response.status_code == 400, bad
        assert "<h1>Choose a day</h1>" in response.get_data(as_text=True)
    empty = clock.today().replace(year=clock.today().year + 1).isoformat()
    response = client.get(f"/samtaler/book/{inv}?dag={empty}")
    assert response.status_code == 200 and "There are no free times that day any more" in text(response)
    assert f"?dag={day_of(db, slots[0])}" in response.get_data(as_text=True)
    # A day whose last time was taken meanwhile: the same message and the other days.
    db.execute("UPDATE slots SET status = 'withdrawn' WHERE id = ?", [slots[-1]])
    gone = client.get(f"/samtaler/book/{inv}?dag={day_of(db, slots[-1])}")
    assert gone.status_code == 200 and "There are no free times that day any more" in text(gone)
    assert f'app-day-choice" href="/samtaler/book/{inv}?dag={day_of(db, slots[-1])}"' not in gone.get_data(as_text=True)
    assert f'app-day-choice" href="/samtaler/book/{inv}?dag={day_of(db, slots[0])}"' in gone.get_data(as_text=True)


def test_the_day_list_in_danish(client, db):
    mette = citizen(db, "Mette Jensen")
    _three_days(db)
    inv = invite(db, mette)
    login_citizen(client, db, "Mette Jensen")
    body = text(client.get(f"/samtaler/book/{inv}"))
    assert "Vælg en dag" in body and "Dage med ledige tider" in body
    assert "4 ledige tider, kl. " in body and "1 ledig tid, kl. " in body and "kl. kl." not in body


def test_moving_a_time_chooses_a_day_first_too(client, db):
    english(client)
    login_citizen(client, db, "Mette Jensen")
    mette = citizen(db, "Mette Jensen")
    conv = db.execute("SELECT id FROM conversations WHERE citizen_id = ? AND status = 'booked' ORDER BY starts_at",
                      [mette["id"]]).fetchone()[0]
    page = client.get(f"/samtaler/{conv}/flyt")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<h1>Choose a day for the new time</h1>" in html
    assert f"/samtaler/{conv}/flyt/" not in html
    day = html.split(f'href="/samtaler/{conv}/flyt?dag=', 1)[1][:10]
    times = client.get(f"/samtaler/{conv}/flyt?dag={day}").get_data(as_text=True)
    assert "<h1>Choose a new time</h1>" in times and f"/samtaler/{conv}/flyt/" in times
    slot = times.split(f'href="/samtaler/{conv}/flyt/', 1)[1].split('"', 1)[0]
    confirm = client.get(f"/samtaler/{conv}/flyt/{slot}")
    assert f'href="/samtaler/{conv}/flyt?dag={day}"' in confirm.get_data(as_text=True)
    assert "Check your answers" not in text(confirm)
