"""Hostile input on every form: over-long text, control and bidi characters, emoji, odd dates,
huge numbers, each in turn in each field of the citizen's and the caseworker's forms. Never a
500; a refused form writes nothing at all; what is accepted is stored clean; and no English
WTForms default text on the (Danish) pages.

Each form starts from a copy of the database taken after logging in, and the copy is put back
after every request that wrote something, so each value meets the form in the same state."""
import sqlite3
from datetime import timedelta

import pytest

from app import clock, demo
from app.forms.text import BIDI_CONTROLS
from app.idempotency import new_key

from .conftest import citizen_id, login_caseworker, login_citizen
from .test_conversations_support import at_local, citizen, invite, make_slot
from .test_form_messages import english_wtforms_text

HOSTILE = [
    "x" * 5000,
    "a\x00b\x1b[2Jc\x07\x7f\x85d\r\ne",
    "\u202eebbog nes\u202c \u2066x\u2069 \u202a\u202b\u202d\u2067\u2068",
    "😀👩🏽‍💻 ﷽ \u05e9\u05dc\u05d5\u05dd e\u0301",
    "<script>alert(1)</script>",
    "0001-01-01", "9999-12-31", "2026-02-30", "31-12-9999",
    "99999999999999999999", "-99999999999999999999", "1e308", "NaN", "٣",
    "", "   ",
]
# Characters nothing may store: NUL and the other controls (but line break and tab), bidi overrides.
FORBIDDEN = {chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))} - {"\n", "\t"} | BIDI_CONTROLS


def _day(days: int) -> str:
    return (clock.today() + timedelta(days=days)).isoformat()


def _targets(db) -> dict:
    mette = citizen(db, "Mette Jensen")
    upcoming = db.execute("SELECT id FROM conversations WHERE citizen_id = ? AND status = 'booked'"
                          " ORDER BY starts_at LIMIT 1", [mette["id"]]).fetchone()[0]
    held = db.execute("SELECT id FROM conversations WHERE citizen_id = ? AND status = 'held' ORDER BY starts_at"
                      " DESC LIMIT 1", [mette["id"]]).fetchone()[0]
    db.execute("UPDATE conversations SET rated_at = NULL WHERE id = ?", [held])
    slot = make_slot(db, at_local(6, 10))
    move_slot = make_slot(db, at_local(5, 13))
    inv = invite(db, mette)
    entry = db.execute(
        "INSERT INTO joblog_entries (citizen_id, kind, employer, job_title, applied_on, status, created_at,"
        " updated_at) VALUES (?, 'advertised', 'Fjordby Bageri', 'Ekspedient', ?, 'sent', 'x', 'x')",
        [mette["id"], clock.today().isoformat()]).lastrowid
    hanne = citizen_id(db, "Hanne Larsen")
    followup = db.execute("SELECT id FROM conversations WHERE citizen_id = ? AND status = 'booked'"
                          " ORDER BY starts_at LIMIT 1", [hanne]).fetchone()[0]
    ali = citizen_id(db, "Ali Hassan")
    ali_conv = db.execute("SELECT id FROM conversations WHERE citizen_id = ? AND status = 'booked'", [ali]).fetchone()[0]
    started = clock.now() - timedelta(minutes=20)
    ali_started = db.execute(
        "INSERT INTO conversations (citizen_id, municipality_id, kind, held_by, starts_at, ends_at, format, status,"
        " uid, created_at, updated_at) SELECT id, municipality_id, 'job', 'jobcenter', ?, ?, 'phone', 'booked',"
        " 'hostile', 'x', 'x' FROM citizens WHERE id = ?",
        [clock.to_db(started), clock.to_db(started + timedelta(minutes=45)), ali]).lastrowid
    lars = citizen_id(db, "Lars Christensen")  # self-books; asked to book by the caseworker here
    db.execute("UPDATE booking_invitations SET status = 'withdrawn' WHERE citizen_id = ?", [lars])
    request = db.execute("SELECT id FROM format_requests WHERE status = 'pending'").fetchone()[0]
    return dict(conv=upcoming, held=held, slot=slot, move_slot=move_slot, inv=inv, entry=entry, hanne=hanne,
                followup=followup, ali=ali, ali_conv=ali_conv, ali_started=ali_started, lars=lars,
                request=request, mette=mette["id"])


KEY = object()  # a fresh submission key for every request

# (who, url, a form that would pass, with {name} filled from _targets)
FORMS = [
    ("citizen", "/joblog/ny", dict(kind="advertised", employer="Fjordby Kro", job_title="Kok", applied_on="{today}",
                                   source="Jobnet", status="sent", note="Sendt", url="https://job.example/1",
                                   submission_key=KEY)),
    ("citizen", "/joblog/{entry}/ret", dict(kind="advertised", employer="Fjordby Bageri", job_title="Bager",
                                            applied_on="{today}", source="", status="interview", note="", url="",
                                            submission_key=KEY)),
    ("citizen", "/joblog/{entry}/slet", dict(submission_key=KEY)),
    ("citizen", "/joblog?kind=advertised&status=sent&q=Bageri", None),
    ("citizen", "/samtaler/{conv}/form", dict(format="phone", reason="Lang transport", phone_number="12345678",
                                             submission_key=KEY)),
    ("citizen", "/samtaler/{conv}/afbud", dict(reason="other", cancel_text="Syg", submission_key=KEY)),
    ("citizen", "/samtaler/{conv}/tolk", dict(language="Arabisk")),
    ("citizen", "/samtaler/{conv}/flyt/{move_slot}", dict(format="phone", phone_number="12345678",
                                                          submission_key=KEY)),
    ("citizen", "/samtaler/book/{inv}/tid/{slot}", dict(format="phone", phone_number="12345678",
                                                        submission_key=KEY)),
    ("citizen", "/samtaler/book/{inv}/tolk", dict(language="Tigrinya")),
    ("citizen", "/samtaler/{held}/vurdering", dict(rating="5", comment="God samtale")),
    ("citizen", "/indstillinger", dict(language="da", email="mette@example.com", phone="12345678", notify_email="y",
                                       remind_conversation="y", remind_joblog="y")),
    ("sick", "/opfoelgning/oplysningsskema/arbejde", dict(employment_status="employed", submit="1")),
    ("sick", "/opfoelgning/oplysningsskema/fravaer", dict(first_sick_day="{weeks_ago}", save_later="1")),
    ("sick", "/opfoelgning/oplysningsskema/delvis", dict(partial="yes", partial_hours="15", submit="1")),
    ("sick", "/opfoelgning/oplysningsskema/varighed", dict(expected_duration="4_to_8_weeks",
                                                           expected_return_on="{soon}", submit="1")),
    ("sick", "/opfoelgning/oplysningsskema/hjaelp", dict(wants_help="yes", note="Ryggen", submit="1")),
    ("sick", "/opfoelgning/oplysningsskema/tjek", dict(submission_key=KEY, submit="1")),
    ("sick", "/opfoelgning/bed-om-samtale", dict(topic="Tilbage", preferred_format="phone", submission_key=KEY)),
    ("sick", "/opfoelgning/raskmelding", dict(kind="partial", on_date="{today}", hours="10", submission_key=KEY)),
    ("sick", "/opfoelgning/fastholdelsesplan", dict(submission_key=KEY)),
    ("sick", "/opfoelgning/samtale/{followup}/status", dict(
        wellbeing="better", treatment="waiting", treatment_note="Scanning", expected_return_on="{soon}",
        partial_possible="yes", what_would_help="Korte dage", submission_key=KEY)),
    ("caseworker", "/sagsbehandler/tider", dict(day="{soon}", start="07:00", minutes="45", in_a_row="2",
                                                repeat_weeks="1", offer_in_person="y", offer_phone="y",
                                                location="Havnegade 12")),
    ("caseworker", "/sagsbehandler/borger/{ali}/indkald", dict(
        kind="job", day="{soon}", start="09:00", minutes="45", format="phone", location="", phone_number="12345678",
        prepare="Dit CV", interpreter="", submission_key=KEY)),
    ("caseworker", "/sagsbehandler/borger/{lars}/selvbooking", dict(
        kind="job", deadline="{later}", window_start="{soon}", window_end="{later}", prepare="CV",
        submission_key=KEY)),
    ("caseworker", "/sagsbehandler/borger/{mette}/selvbooking-fritagelse", dict(exempt_reason="")),
    ("caseworker", "/sagsbehandler/borger/{ali}/krav-til-jobsoegning", dict(count="3", note="Aftalt")),
    ("caseworker", "/sagsbehandler/anmodninger/{request}", dict(decision="refuse", reason="Fremmøde")),
    ("caseworker", "/sagsbehandler/samtaler/{ali_started}/afholdt", dict(summary="Talt om job", next_step="Søg 3")),
    ("caseworker", "/sagsbehandler/samtaler/{ali_conv}/fremmoede", dict(ground="guidance_face_to_face", note="Vurdering")),
    ("caseworker", "/sagsbehandler/samtaler/{ali_conv}/aflys", dict(reason="Sygdom hos sagsbehandler")),
    ("caseworker", "/sagsbehandler/opfoelgning/borger/{hanne}/fastholdelsesplan", dict(status="in_progress",
                                                                                       note="I gang")),
    ("caseworker", "/sagsbehandler/opfoelgning/samtale/{followup}/afholdt", dict(summary="Talt", next_step="")),
    ("caseworker", "/sagsbehandler/borgere?q=Jensen&group=dagpenge", None),
    ("caseworker", "/sagsbehandler/adgangskode", dict(current="{password}", password="fire ord i en raekke",
                                                      repeat="fire ord i en raekke", submission_key=KEY)),
    ("administrator", "/sagsbehandler/medarbejdere", dict(name="Ida Berg", email="ida@fjordby.example",
                                                          role="caseworker", password="fire ord i en raekke",
                                                          submission_key=KEY)),
    ("administrator", "/sagsbehandler/medarbejdere/{henrik}/adgangskode", dict(
        password="fire ord i en raekke", repeat="fire ord i en raekke", submission_key=KEY)),
    ("anonymous", "/log-ind/medarbejder", dict(email="anne@fjordby.example", password="{password}")),
    ("anonymous", "/log-ind/mitid", dict(citizen="{mette}")),
]


def _filled(value, targets):
    return value.format(**targets) if isinstance(value, str) else value


def _version(conn) -> int:
    return conn.execute("PRAGMA data_version").fetchone()[0]


# Written by every request of a logged-in user (last seen), whatever the form did.
# Not what a form writes: the session, and the caseworker indexes (app/joblog/watch.py,
# app/followup/watch.py) that any caseworker page may bring up to date for the menu's counts.
WATCH_TABLES = {"joblog_watch", "joblog_watch_days", "joblog_watch_dirty",
                "followup_watch", "followup_watch_days", "followup_watch_dirty"}
NOT_THE_FORMS = {"sessions"} | WATCH_TABLES


def _content(conn) -> list:
    tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
              if t not in NOT_THE_FORMS]
    return [(t, sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"').fetchall()))) for t in tables]


def _dirty_text(conn) -> list:
    found = []
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        for row in conn.execute(f'SELECT * FROM "{table}"'):
            for column, value in zip(columns, row):
                if isinstance(value, str) and FORBIDDEN & set(value):
                    found.append((table, column, value[:40]))
    return found


@pytest.mark.parametrize("who,url,base", FORMS, ids=[f"{w}:{u}" for w, u, _b in FORMS])
def test_hostile_values_in_every_field(app, db, who, url, base):
    targets = _targets(db)
    targets.update(today=clock.today().isoformat(), soon=_day(7), later=_day(14), weeks_ago=_day(-35),
                   password=demo.DEMO_PASSWORD,
                   henrik=db.execute("SELECT id FROM caseworkers WHERE email = 'henrik@fjordby.example'").fetchone()[0])
    url = _filled(url, targets)
    client = app.test_client()
    if who == "caseworker":
        login_caseworker(client)
    elif who == "administrator":
        login_caseworker(client, "karen@fjordby.example")
    elif who != "anonymous":
        login_citizen(client, db, "Hanne Larsen" if who == "sick" else "Mette Jensen")
    pristine = sqlite3.connect(":memory:")
    db.conn.backup(pristine)
    watcher = sqlite3.connect(app.config["DATABASE"])
    as_it_was = _content(watcher)
    fields = list(base) if base else [part.split("=")[0] for part in url.partition("?")[2].split("&")]
    for name in fields:
        for value in HOSTILE:
            before = _version(watcher)
            if base is None:
                path, _sep, query = url.partition("?")
                args = dict(part.split("=") for part in query.split("&"))
                response = client.get(path, query_string={**args, name: value})
            else:
                data = {k: new_key() if v is KEY else _filled(v, targets) for k, v in base.items()}
                response = client.post(url, data={**data, name: value})
            status = response.status_code
            where = (url, name, value[:30])
            assert status < 500, where
            html = response.get_data(as_text=True)
            assert "<script>alert(1)</script>" not in html, where
            assert english_wtforms_text(html) == [], where
            wrote = _version(watcher) != before and _content(watcher) != as_it_was
            if status != 302 and wrote and url != "/log-ind/medarbejder":  # a failed login is counted
                pytest.fail(f"a refused form wrote to the database: {where} -> {status}")
            if wrote:
                assert _dirty_text(watcher) == [], where
                pristine.backup(db.conn)  # the next value meets the form as it was
    watcher.close()
    pristine.close()


def test_a_request_too_large_for_any_form_is_the_413_page(app, db):
    client = app.test_client()
    login_citizen(client, db, "Mette Jensen")
    response = client.post("/joblog/ny", data={"note": "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)})
    assert response.status_code == 413
