"""A citizen on a phone (390x844) books a time, asks to change it to video (a late change, so it
needs approval), a caseworker in another browser approves, the citizen sees the link, then
cancels with a reason and sees the receipt. axe-core finds no WCAG 2.1 A/AA violations on
these pages, in Danish and in English."""
import re
import threading
from datetime import timedelta

import pytest
from werkzeug.serving import make_server

from app import clock, create_app, demo
from app.db import connect

from .conftest import axe_violations, screenshot


@pytest.fixture(scope="module")
def conv_server(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("conv") / "live.sqlite")
    app = create_app({"TESTING": True, "ENV_NAME": "test", "SECRET_KEY": "browser-conv", "DATABASE": path})
    db = connect(path)
    demo.load(db)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", db
    server.shutdown()
    db.conn.close()


def _prepare(db):
    """Mette is asked to book; the one free time starts in about three hours, so a change of
    format is later than the rules' 24-hour cut-off and needs the caseworker's approval."""
    mette = db.execute("SELECT id, municipality_id FROM citizens WHERE name = 'Mette Jensen'").fetchone()
    today = clock.today()
    db.execute("UPDATE booking_invitations SET status = 'withdrawn' WHERE citizen_id = ?", [mette["id"]])
    inv = db.execute(
        "INSERT INTO booking_invitations (citizen_id, municipality_id, kind, held_by, deadline, window_start, window_end,"
        " status, created_at, updated_at) VALUES (?,?, 'job', 'jobcenter', ?,?,?, 'open', 'x', 'x')",
        [mette["id"], mette["municipality_id"], (today + timedelta(days=10)).isoformat(), today.isoformat(),
         (today + timedelta(days=21)).isoformat()]).lastrowid
    db.execute("UPDATE slots SET status = 'withdrawn'")
    starts = clock.now().replace(second=0, microsecond=0) + timedelta(hours=3)
    slot = db.execute(
        "INSERT INTO slots (municipality_id, caseworker_id, starts_at, ends_at, formats, location, status, created_at)"
        " VALUES (?, (SELECT id FROM caseworkers WHERE email = 'anne@fjordby.example'), ?, ?,"
        " 'in_person,phone,video', 'Jobcenter Fjordby, Havnegade 12, 9999 Fjordby', 'open', ?)",
        [mette["municipality_id"], clock.to_db(starts), clock.to_db(starts + timedelta(minutes=45)),
         clock.to_db(clock.now())]).lastrowid
    return inv, slot


def _path(page, base):
    return page.url[len(base):]


def _axe_both(page, base):
    """No violations here in English, then the same page in Danish, then back to English."""
    path = _path(page, base)
    assert axe_violations(page) == [], path
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.goto(f"{base}/sprog/da?next={path}")
    assert page.locator("html").get_attribute("lang") == "da"
    assert axe_violations(page) == [], ("da", path)
    page.goto(f"{base}/sprog/en?next={path}")
    assert page.locator("html").get_attribute("lang") == "en"


def test_book_change_to_video_approved_then_cancel(conv_server, page, browser):
    base, db = conv_server
    inv, slot = _prepare(db)

    page.goto(f"{base}/sprog/en?next=/log-ind/mitid")
    page.get_by_label("Mette Jensen").check()
    page.get_by_role("button", name="Log in as test citizen").click()
    page.wait_for_url("**/min-plan")
    assert "Book your conversation before" in page.locator("main").inner_text()

    page.get_by_role("link", name="Conversations").first.click()
    page.wait_for_url("**/samtaler")
    assert page.locator("h1").inner_text() == "Your conversations"
    _axe_both(page, base)

    # Book: the slot list (one day only: its times at once), then how to meet, then the receipt.
    page.get_by_role("link", name="Book a time").first.click()
    page.wait_for_url(f"**/samtaler/book/{inv}")
    assert page.locator(".app-slot").count() == 1
    _axe_both(page, base)
    page.locator(".app-slot").first.click()
    page.wait_for_url(f"**/samtaler/book/{inv}/tid/{slot}")
    assert "The time you have chosen" in page.locator("main").inner_text()
    _axe_both(page, base)
    page.get_by_label("In person").check()
    page.get_by_role("button", name="Book this time").click()
    page.wait_for_url("**/kvittering")
    body = page.locator("main").inner_text()
    assert "Your conversation is booked" in body and "Registered" in body
    conv = int(re.search(r"/samtaler/(\d+)/kvittering", page.url).group(1))
    _axe_both(page, base)
    screenshot(page, "conversation-booked-en")

    # Ask for video: it is within 24 hours, so the jobcenter must approve.
    page.get_by_role("link", name="Change format").first.click()
    page.wait_for_url(f"**/samtaler/{conv}/form")
    assert "must approve a change" in page.locator("main").inner_text()
    _axe_both(page, base)
    page.get_by_label("Video").check()
    page.get_by_label("Why do you want to change?").fill("Jeg er forkølet og vil ikke smitte.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/form/kvittering/*")
    assert "The municipality has received your request" in page.locator("main").inner_text()
    _axe_both(page, base)
    page.goto(f"{base}/samtaler/{conv}")
    assert "Waiting for the municipality" in page.locator("main").inner_text()
    assert db.execute("SELECT format FROM conversations WHERE id = ?", [conv]).fetchone()[0] == "in_person"

    # The caseworker approves in another browser.
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True, locale="da-DK")
    worker = desk.new_page()
    worker.goto(f"{base}/sprog/en?next=/log-ind/medarbejder")
    worker.get_by_label("E-mail").fill("anne@fjordby.example")
    worker.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    worker.get_by_role("button", name="Log in").click()
    worker.wait_for_url("**/sagsbehandler/")
    worker.goto(f"{base}/sagsbehandler/anmodninger")
    assert "Jeg er forkølet og vil ikke smitte." in worker.locator("main").inner_text()
    assert axe_violations(worker) == []
    worker.get_by_role("link", name=re.compile("Mette Jensen")).click()
    worker.wait_for_url("**/sagsbehandler/anmodninger/*")
    assert axe_violations(worker) == []
    worker.get_by_label("Approve").check()
    worker.get_by_role("button", name="Save decision").click()
    worker.wait_for_url("**/sagsbehandler/anmodninger")
    assert "is approved" in worker.locator("main").inner_text()
    assert axe_violations(worker) == []
    worker.goto(f"{base}/sprog/da?next=/sagsbehandler/anmodninger")
    assert axe_violations(worker) == []
    worker.goto(f"{base}/sprog/da?next=/sagsbehandler/tider")
    assert axe_violations(worker) == []
    desk.close()

    # The citizen sees the decision and the link.
    page.goto(f"{base}/samtaler/{conv}")
    body = page.locator("main").inner_text()
    url = db.execute("SELECT video_url FROM conversations WHERE id = ?", [conv]).fetchone()[0]
    assert "The municipality approved your request" in body and url in body
    assert page.get_by_role("link", name="Join the video conversation").get_attribute("href") == url
    _axe_both(page, base)
    screenshot(page, "conversation-video-en")

    # Cancel with a reason; the receipt says when it was registered.
    page.get_by_role("link", name="Tell us you can't come").first.click()
    page.wait_for_url(f"**/samtaler/{conv}/afbud")
    assert "What it means to tell us you cannot come" in page.locator("main").inner_text()
    _axe_both(page, base)
    page.get_by_label("I am ill").check()
    page.get_by_role("button", name="Send: I can't come").click()
    page.wait_for_url(f"**/samtaler/{conv}/afbud/kvittering")
    body = page.locator("main").inner_text()
    registered = clock.local(clock.from_db(
        db.execute("SELECT cancelled_at FROM conversations WHERE id = ?", [conv]).fetchone()[0]))
    assert "We have registered that you cannot come" in body and f"{registered:%H:%M}" in body
    _axe_both(page, base)
    screenshot(page, "conversation-cancelled-en")
    page.goto(f"{base}/samtaler")
    assert "See the receipt" in page.locator("main").inner_text()
    assert page.js_errors == []


def test_a_failed_form_shows_the_error_summary_and_passes_axe(conv_server, page):
    base, db = conv_server
    page.goto(f"{base}/sprog/en?next=/log-ind/mitid")
    page.get_by_label("Ali Hassan").check()
    page.get_by_role("button", name="Log in as test citizen").click()
    page.wait_for_url("**/min-plan")
    conv = db.execute("SELECT c.id FROM conversations c JOIN citizens z ON z.id = c.citizen_id"
                      " WHERE z.name = 'Ali Hassan' AND c.status = 'booked' ORDER BY c.starts_at").fetchone()[0]
    page.goto(f"{base}/samtaler/{conv}/afbud")
    page.get_by_label("Another reason", exact=True).check()
    page.get_by_role("button", name="Send: I can't come").click()
    assert page.locator("#error-summary").is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert axe_violations(page) == []
    page.locator("#error-summary a").first.click()
    page.get_by_label("Tell us more").fill("Min søn er syg")
    page.get_by_role("button", name="Send: I can't come").click()
    page.wait_for_url(f"**/samtaler/{conv}/afbud/kvittering")
    assert "Min søn er syg" in page.locator("main").inner_text()


def test_a_direct_format_change_ends_on_a_receipt_and_a_caseworker_sets_an_exemption(conv_server, page, browser):
    base, db = conv_server
    conv = db.execute("SELECT c.id FROM conversations c JOIN citizens z ON z.id = c.citizen_id"
                      " WHERE z.name = 'Mette Jensen' AND c.status = 'booked' AND c.format = 'video'"
                      " ORDER BY c.starts_at").fetchone()[0]
    page.goto(f"{base}/sprog/en?next=/log-ind/mitid")
    page.get_by_label("Mette Jensen").check()
    page.get_by_role("button", name="Log in as test citizen").click()
    page.wait_for_url("**/min-plan")
    page.goto(f"{base}/samtaler/{conv}/form")
    assert "The change takes effect at once" in page.locator("main").inner_text()
    page.get_by_label("Phone", exact=True).check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/samtaler/{conv}/form/kvittering")
    body = page.locator("main").inner_text()
    assert "Your conversation is changed" in body and "Registered" in body and "Phone" in body
    _axe_both(page, base)

    # The caseworker exempts Mette from self-booking on her case page.
    mette = db.execute("SELECT id FROM citizens WHERE name = 'Mette Jensen'").fetchone()[0]
    desk = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True, locale="da-DK")
    worker = desk.new_page()
    worker.goto(f"{base}/sprog/en?next=/log-ind/medarbejder")
    worker.get_by_label("E-mail").fill("anne@fjordby.example")
    worker.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    worker.get_by_role("button", name="Log in").click()
    worker.wait_for_url("**/sagsbehandler/")
    worker.goto(f"{base}/sagsbehandler/borger/{mette}")
    worker.get_by_label("Exempted from self-booking").select_option("language")
    worker.get_by_role("button", name="Save exemption").click()
    worker.wait_for_url(f"**/sagsbehandler/borger/{mette}*")
    assert "is exempted from self-booking: Significant language barriers" in worker.locator("main").inner_text()
    for lang in ("da", "en"):
        worker.goto(f"{base}/sprog/{lang}?next=/sagsbehandler/borger/{mette}")
        assert axe_violations(worker) == [], lang
    assert db.execute("SELECT self_booking_exempt_reason FROM citizens WHERE id = ?", [mette]).fetchone()[0] == "language"
    desk.close()
    assert page.js_errors == []
