"""Correctness under load, against a real threaded server on loopback: many citizens book the
last free time at the same moment and exactly one gets it; the others read a clear message.
A form submitted twice at the same moment acts once."""
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import pytest
from werkzeug.serving import make_server

from app import clock, create_app, demo
from app.db import connect

from .test_conversations_support import at_local, invite, key, only_slot

CITIZENS = 12


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx is an answer to look at, not to follow


class Session:
    """One browser: its own cookies, talking HTTP to the live server."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect())

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=30) as response:
                return response.status, response.headers.get("Location", ""), response.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers.get("Location", ""), answer.read().decode()


@pytest.fixture
def server(tmp_path):
    path = str(tmp_path / "load.sqlite")
    app = create_app({"TESTING": True, "ENV_NAME": "test", "SECRET_KEY": "load", "WTF_CSRF_ENABLED": False,
                      "DATABASE": path})
    db = connect(path)
    demo.load(db)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", db
    httpd.shutdown()
    db.conn.close()


def _new_citizens(db, count: int) -> list[dict]:
    mun = db.execute("SELECT id FROM municipalities WHERE code = '901'").fetchone()[0]
    people = []
    for n in range(count):
        cid = db.execute(
            "INSERT INTO citizens (municipality_id, cpr, name, target_group, group_since, phone, created_at, updated_at)"
            " VALUES (?, ?, ?, 'dagpenge', '2026-09-01', '12345678', 'x', 'x')",
            [mun, f"0101{n:02d}9{n:03d}", f"Borger {n}"]).lastrowid
        people.append({"id": cid, "municipality_id": mun})
    return people


def _logged_in(base: str, person_id: int) -> Session:
    session = Session(base)
    assert session.request("/sprog/en?next=/log-ind")[0] == 302
    status, location, _ = session.request("/log-ind/mitid", {"citizen": person_id})
    assert status == 302 and location.endswith("/min-plan"), (status, location)
    return session


def _all_at_once(calls):
    """Run the calls in threads released together; return their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_many_citizens_book_the_last_free_time_and_exactly_one_gets_it(server):
    base, db = server
    people = _new_citizens(db, CITIZENS)
    slot = only_slot(db, at_local(3, 10, 0))
    invitations = [invite(db, person) for person in people]
    sessions = [_logged_in(base, person["id"]) for person in people]
    # Every citizen sees the time as free before anyone books it.
    for session, inv in zip(sessions, invitations):
        assert f"/tid/{slot}" in session.request(f"/samtaler/book/{inv}")[2]

    results = _all_at_once([
        (lambda s=s, i=i: s.request(f"/samtaler/book/{i}/tid/{slot}", {"format": "in_person", "submission_key": key()}))
        for s, i in zip(sessions, invitations)])

    booked = [r for r in results if r[0] == 302]
    refused = [r for r in results if r[0] != 302]
    assert len(booked) == 1 and booked[0][1].endswith("/kvittering")
    assert len(refused) == CITIZENS - 1
    for status, _location, body in refused:
        assert status == 409 and "Sorry, that time was just taken by someone else" in body
    rows = db.execute("SELECT citizen_id, status FROM conversations WHERE slot_id = ?", [slot]).fetchall()
    assert len(rows) == 1 and rows[0]["status"] == "booked"
    assert db.execute("SELECT COUNT(*) FROM booking_invitations WHERE status = 'booked' AND id IN (%s)"
                      % ",".join("?" * len(invitations)), invitations).fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'conversation_booked'").fetchone()[0] == 1
    # The losers' invitations stay open, and the page no longer offers the time.
    loser = next(i for i, r in enumerate(results) if r[0] != 302)
    assert f"/tid/{slot}" not in sessions[loser].request(f"/samtaler/book/{invitations[loser]}")[2]


def test_a_form_submitted_twice_at_once_acts_once(server):
    base, db = server
    person = _new_citizens(db, 1)[0]
    slot = only_slot(db, at_local(4, 10, 0))
    inv = invite(db, person)
    session = _logged_in(base, person["id"])
    same = key()
    results = _all_at_once([
        lambda: session.request(f"/samtaler/book/{inv}/tid/{slot}", {"format": "video", "submission_key": same})
        for _ in range(4)])
    assert {r[0] for r in results} == {302} and len({r[1] for r in results}) == 1
    assert db.execute("SELECT COUNT(*) FROM conversations WHERE citizen_id = ?", [person["id"]]).fetchone()[0] == 1
    conv = db.execute("SELECT id FROM conversations WHERE citizen_id = ?", [person["id"]]).fetchone()[0]

    same = key()
    results = _all_at_once([
        lambda: session.request(f"/samtaler/{conv}/afbud", {"reason": "sickness", "submission_key": same})
        for _ in range(4)])
    assert {r[0] for r in results} == {302}
    assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'conversation_cancelled' AND entity_id = ?",
                      [conv]).fetchone()[0] == 1
    assert db.execute("SELECT status FROM conversations WHERE id = ?", [conv]).fetchone()[0] == "cancelled_citizen"
    assert clock.now()  # the server and the test share one clock
