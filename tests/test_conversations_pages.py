"""Every conversations page passes the page invariants in Danish and English, for every citizen
and the caseworker, including forms that failed; no inline script or style; every form has CSRF."""
import re
from datetime import timedelta

import pytest

from app import clock, demo
from app.db import connect

from .conftest import csrf_token_from, login_caseworker, login_citizen
from .invariants import check_page
from .test_conversations_support import at_local, citizen, invite, key, make_slot


def _locale(client, locale):
    assert client.post(f"/sprog/{locale}?next=/log-ind").status_code == 302


def _check(client, url, locale, status=200, method="get", data=None):
    response = client.post(url, data=data or {}) if method == "post" else client.get(url)
    assert response.status_code == status, (url, response.status_code)
    page = response.get_data(as_text=True)
    check_page(page, locale)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), url
    assert " style=" not in page and "<style" not in page and not re.search(r"\son[a-z]+=", page), url
    return page


def _citizen_urls(db, person):
    urls = ["/samtaler", "/min-plan"]
    for conv in db.execute("SELECT id, status FROM conversations WHERE citizen_id = ?", [person["id"]]):
        urls.append(f"/samtaler/{conv['id']}")
        if conv["status"] == "booked":
            urls += [f"/samtaler/{conv['id']}/form", f"/samtaler/{conv['id']}/afbud", f"/samtaler/{conv['id']}/flyt",
                     f"/samtaler/{conv['id']}/tolk"]
        if conv["status"] == "held":
            urls.append(f"/samtaler/{conv['id']}/vurdering")
        if conv["status"] == "cancelled_citizen":
            urls.append(f"/samtaler/{conv['id']}/afbud/kvittering")
    for inv in db.execute("SELECT id FROM booking_invitations WHERE citizen_id = ?", [person["id"]]):
        urls += [f"/samtaler/book/{inv['id']}", f"/samtaler/book/{inv['id']}/tolk"]
    return urls


@pytest.mark.parametrize("locale", ["da", "en"])
def test_every_citizen_sees_valid_conversation_pages(app, db, locale):
    slot = make_slot(db, at_local(3, 7, 15))
    for (name,) in db.execute("SELECT name FROM citizens ORDER BY id").fetchall():
        person = citizen(db, name)
        client = app.test_client()
        login_citizen(client, db, name)
        _locale(client, locale)
        for url in _citizen_urls(db, person):
            response = client.get(url)
            if response.status_code == 302:   # e.g. a booked invitation goes to its conversation
                continue
            _check(client, url, locale)
        inv = db.execute("SELECT id FROM booking_invitations WHERE citizen_id = ? AND status = 'open'",
                         [person["id"]]).fetchone()
        if inv:
            _check(client, f"/samtaler/book/{inv['id']}/tid/{slot}", locale)


@pytest.mark.parametrize("locale", ["da", "en"])
def test_the_flow_pages_and_failed_forms(app, db, locale):
    client = app.test_client()
    mette = citizen(db, "Mette Jensen")
    login_citizen(client, db, "Mette Jensen")
    _locale(client, locale)
    inv = invite(db, mette)
    slot, other = make_slot(db, at_local(4, 7, 15)), make_slot(db, at_local(5, 7, 15))
    _check(client, f"/samtaler/book/{inv}/tid/{slot}", locale, 400, "post", {"submission_key": key()})
    response = client.post(f"/samtaler/book/{inv}/tid/{slot}", data={"format": "video", "submission_key": key()})
    conv = int(response.headers["Location"].split("/")[-2])
    _check(client, response.headers["Location"], locale)
    _check(client, f"/samtaler/{conv}/flyt/{other}", locale)
    moved = client.post(f"/samtaler/{conv}/flyt/{other}", data={"format": "video", "submission_key": key()})
    _check(client, moved.headers["Location"], locale)
    _check(client, f"/samtaler/{conv}.ics".replace(".ics", ""), locale)
    _check(client, f"/samtaler/{conv}/form", locale, 400, "post", {"format": ""})
    _check(client, f"/samtaler/{conv}/afbud", locale, 400, "post", {"reason": "other", "submission_key": key()})
    _check(client, f"/samtaler/{conv}/tolk", locale, 400, "post", {"language": ""})
    changed = client.post(f"/samtaler/{conv}/form", data={"format": "phone", "phone_number": "12345678"})
    assert changed.headers["Location"].endswith(f"/samtaler/{conv}/form/kvittering")
    _check(client, changed.headers["Location"], locale)   # the receipt of a change at once
    # A late change is a request: without a reason the form fails; with one, its receipt.
    late = db.execute(
        "INSERT INTO conversations (citizen_id, municipality_id, held_by, kind, starts_at, ends_at, format, status,"
        " location, created_at, updated_at, uid) VALUES (?,?, 'jobcenter', 'job', ?, ?, 'in_person', 'booked',"
        " 'Havnegade 12', 'x', 'x', 'late@t')",
        [mette["id"], mette["municipality_id"], clock.to_db(clock.now() + timedelta(hours=5)),
         clock.to_db(clock.now() + timedelta(hours=5, minutes=45))]).lastrowid
    _check(client, f"/samtaler/{late}/form", locale, 400, "post", {"format": "video"})
    asked = client.post(f"/samtaler/{late}/form", data={"format": "video", "reason": "Forkølet"})
    assert "/form/kvittering/" in asked.headers["Location"]
    _check(client, asked.headers["Location"], locale)
    done = client.post(f"/samtaler/{conv}/afbud", data={"reason": "sickness", "submission_key": key()})
    _check(client, done.headers["Location"], locale)
    held = db.execute("SELECT id FROM conversations WHERE citizen_id = ? AND status = 'held'", [mette["id"]]).fetchone()
    db.execute("UPDATE conversations SET rated_at = NULL, rating = NULL WHERE id = ?", [held["id"]])
    _check(client, f"/samtaler/{held['id']}/vurdering", locale, 400, "post", {"rating": "9"})
    # A conversation that has started: the cancellation page says how to reach the jobcenter.
    started = db.execute(
        "INSERT INTO conversations (citizen_id, municipality_id, held_by, kind, starts_at, ends_at, format, status,"
        " created_at, updated_at, uid) VALUES (?,?, 'jobcenter', 'job', ?, ?, 'phone', 'booked', 'x', 'x', 'p@t')",
        [mette["id"], mette["municipality_id"], clock.to_db(clock.now() - timedelta(minutes=5)),
         clock.to_db(clock.now() + timedelta(minutes=40))]).lastrowid
    _check(client, f"/samtaler/{started}/afbud", locale)
    _check(client, f"/samtaler/{started}/form", locale)


@pytest.mark.parametrize("locale", ["da", "en"])
def test_caseworker_pages(app, db, locale):
    client = app.test_client()
    login_caseworker(client)
    _locale(client, locale)
    for url in ("/sagsbehandler/", "/sagsbehandler/tider", "/sagsbehandler/anmodninger",
                f"/sagsbehandler/tider?uge={(clock.today() + timedelta(days=7)).isoformat()}"):
        _check(client, url, locale)
    for (request_id,) in db.execute("SELECT id FROM format_requests").fetchall():
        _check(client, f"/sagsbehandler/anmodninger/{request_id}", locale)
        _check(client, f"/sagsbehandler/anmodninger/{request_id}", locale, 400, "post", {"decision": "refuse"})
    fjordby = db.execute("SELECT c.id FROM citizens c JOIN municipalities m ON m.id = c.municipality_id"
                         " WHERE m.code = '901'").fetchall()
    for (citizen_id,) in fjordby:
        _check(client, f"/sagsbehandler/borger/{citizen_id}", locale)
        _check(client, f"/sagsbehandler/borger/{citizen_id}/indkald", locale)
        _check(client, f"/sagsbehandler/borger/{citizen_id}/selvbooking", locale)
        _check(client, f"/sagsbehandler/borger/{citizen_id}/selvbooking-fritagelse", locale)
    conv = db.execute("SELECT c.id FROM conversations c JOIN municipalities m ON m.id = c.municipality_id"
                      " WHERE m.code = '901' AND c.status = 'booked' ORDER BY c.starts_at DESC").fetchone()[0]
    for action in ("afholdt", "udeblevet", "fremmoede", "aflys"):
        _check(client, f"/sagsbehandler/samtaler/{conv}/{action}", locale)
    _check(client, f"/sagsbehandler/samtaler/{conv}/afholdt", locale, 400, "post", {"summary": ""})
    _check(client, f"/sagsbehandler/samtaler/{conv}/fremmoede", locale, 400, "post", {"ground": ""})
    _check(client, f"/sagsbehandler/samtaler/{conv}/aflys", locale, 400, "post", {"reason": ""})
    _check(client, f"/sagsbehandler/borger/{fjordby[0][0]}/indkald", locale, 400, "post", {"submission_key": key()})
    _check(client, f"/sagsbehandler/borger/{fjordby[0][0]}/selvbooking", locale, 400, "post", {"submission_key": key()})
    _check(client, "/sagsbehandler/tider", locale, 400, "post", {"day": ""})
    _check(client, f"/sagsbehandler/borger/{fjordby[0][0]}/selvbooking-fritagelse", locale, 400, "post",
           {"exempt_reason": "nonsense"})


def test_every_form_carries_a_csrf_token_and_needs_it(csrf_app):
    db = connect(csrf_app.config["DATABASE"])
    client = csrf_app.test_client()
    token = csrf_token_from(client.get("/log-ind/mitid").data)
    mette = citizen(db, "Mette Jensen")
    client.post("/log-ind/mitid", data={"citizen": mette["id"], "csrf_token": token})
    inv = invite(db, mette)
    slot = make_slot(db, at_local(4, 7, 15))
    conv = db.execute("SELECT id FROM conversations WHERE citizen_id = ? AND status = 'booked'", [mette["id"]]).fetchone()[0]
    for url in ("/samtaler", f"/samtaler/{conv}/form", f"/samtaler/{conv}/afbud", f"/samtaler/book/{inv}/tid/{slot}",
                f"/samtaler/{conv}/tolk", f"/samtaler/book/{inv}/tolk", "/min-plan"):
        page = client.get(url).get_data(as_text=True)
        assert len(re.findall(r'<form[^>]*method="post"', page)) == page.count('name="csrf_token"'), url
    for url, data in ((f"/samtaler/{conv}/form", {"format": "phone"}),
                      (f"/samtaler/{conv}/afbud", {"reason": "sickness", "submission_key": key()}),
                      (f"/samtaler/book/{inv}/tid/{slot}", {"format": "in_person", "submission_key": key()})):
        assert client.post(url, data=data).status_code == 400, url
    assert db.execute("SELECT COUNT(*) FROM conversations WHERE slot_id = ?", [slot]).fetchone()[0] == 0
    worker = csrf_app.test_client()
    token = csrf_token_from(worker.get("/log-ind/medarbejder").data)
    worker.post("/log-ind/medarbejder", data={"email": "anne@fjordby.example", "password": demo.DEMO_PASSWORD,
                                              "csrf_token": token})
    for url in ("/sagsbehandler/", "/sagsbehandler/tider", "/sagsbehandler/anmodninger/1",
                f"/sagsbehandler/borger/{mette['id']}", f"/sagsbehandler/borger/{mette['id']}/indkald",
                f"/sagsbehandler/samtaler/{conv}/udeblevet"):
        page = worker.get(url).get_data(as_text=True)
        assert len(re.findall(r'<form[^>]*method="post"', page)) == page.count('name="csrf_token"'), url
    assert worker.post("/sagsbehandler/anmodninger/1", data={"decision": "approve"}).status_code == 400
    db.conn.close()
