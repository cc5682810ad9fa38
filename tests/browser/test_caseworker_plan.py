"""The caseworker's day at a desk (1366x900, issue 10): search a citizen from I dag, add an
activity and a goal, mark a conversation held with "det aftalte", change the target group from
a date, read it all on Historik; then the citizen on a phone (390x844) sees the changes marked
and confirms reading the plan. axe finds no violations, Danish and English."""
import threading
from datetime import timedelta

import pytest
from werkzeug.serving import make_server

from app import clock, create_app, demo
from app.db import connect

from .conftest import axe_violations, screenshot


@pytest.fixture(scope="module")
def desk_server(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("desk") / "live.sqlite")
    app = create_app({"TESTING": True, "ENV_NAME": "test", "SECRET_KEY": "browser-desk", "DATABASE": path})
    db = connect(path)
    demo.load(db)
    mette = db.execute("SELECT id, municipality_id FROM citizens WHERE name = 'Mette Jensen'").fetchone()
    starts = clock.now().replace(second=0, microsecond=0) - timedelta(minutes=30)
    conv = db.execute(
        "INSERT INTO conversations (citizen_id, municipality_id, caseworker_id, held_by, kind, starts_at, ends_at,"
        " format, status, created_at, updated_at, uid, location) VALUES (?, ?, (SELECT id FROM caseworkers WHERE"
        " email = 'anne@fjordby.example'), 'jobcenter', 'job', ?, ?, 'in_person', 'booked', 'x', 'x',"
        " 'desk-test@t', 'Havnegade 12')",
        [mette["id"], mette["municipality_id"], clock.to_db(starts), clock.to_db(starts + timedelta(minutes=45))]).lastrowid
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", db, mette["id"], conv
    server.shutdown()
    db.conn.close()


def _axe_both(page, base):
    """No violations in Danish, then the same page in English, then back to Danish."""
    path = page.url[len(base):]
    assert axe_violations(page) == [], path
    page.goto(f"{base}/sprog/en?next={path}")
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(page) == [], ("en", path)
    page.goto(f"{base}/sprog/da?next={path}")
    assert page.locator("html").get_attribute("lang") == "da"


def test_a_day_at_the_desk_then_the_citizen_reads_the_plan(desk_server, browser):
    base, db, mette, conv = desk_server
    desk = browser.new_context(viewport={"width": 1366, "height": 900}, bypass_csp=True, locale="da-DK")
    worker = desk.new_page()
    errors = []
    worker.on("pageerror", lambda exc: errors.append(str(exc)))

    # A logged-out caseworker goes to the caseworker login, not the citizens' MitID login.
    worker.goto(f"{base}/sagsbehandler/borger/{mette}/plan")
    assert "/log-ind/medarbejder" in worker.url
    worker.get_by_label("E-mail").fill("anne@fjordby.example")
    worker.get_by_label("Adgangskode").fill(demo.DEMO_PASSWORD)
    worker.get_by_role("button", name="Log ind").click()
    worker.wait_for_url("**/plan")

    # I dag: the search first.
    worker.goto(f"{base}/sagsbehandler/")
    _axe_both(worker, base)
    worker.locator("#search-q").fill("Mette")
    worker.locator("#search-submit").click()
    worker.wait_for_url("**/sagsbehandler/borgere*")
    worker.get_by_role("link", name="Mette Jensen").first.click()
    worker.wait_for_url(f"**/sagsbehandler/borger/{mette}")
    # The case uses the width of the screen.
    assert worker.locator("main").bounding_box()["width"] > 1000
    _axe_both(worker, base)
    screenshot(worker, "case-da")

    # The plan: an activity from the catalogue and a goal.
    worker.get_by_role("link", name="Skriv planen").click()
    worker.wait_for_url("**/plan")
    _axe_both(worker, base)
    worker.locator("#activity-kind").select_option("virksomhedspraktik")
    worker.locator("#activity-title").fill("Praktik hos Havnens Lager")
    worker.locator("#activity-provider").fill("Havnens Lager ApS")
    start = clock.today() + timedelta(days=7)
    worker.locator("#activity-starts").fill(start.isoformat())
    worker.locator("#activity-ends").fill((start + timedelta(days=20)).isoformat())
    worker.locator("#activity-hours").fill("30")
    worker.locator("#activity-note").fill("Mød ind kl. 8 ved porten.")
    worker.locator("#activity-submit").click()
    worker.wait_for_url("**/plan#aktiviteter")
    assert "Aktiviteten er gemt" in worker.locator("main").inner_text()
    worker.locator("#goal-title").fill("Lagerchef")
    worker.locator("#goal-submit").click()
    worker.wait_for_url("**/plan#maal")
    body = worker.locator("main").inner_text()
    assert "Målet er gemt" in body and "Lagerchef" in body and "Praktik hos Havnens Lager" in body
    _axe_both(worker, base)

    # The conversation held, with what was agreed.
    worker.goto(f"{base}/sagsbehandler/samtaler/{conv}/afholdt")
    worker.locator("#summary").fill("Vi talte om praktikken.")
    worker.locator("#agreed-citizen").fill("Søg to lagerjob om ugen.")
    worker.locator("#agreed-municipality").fill("Kommunen aftaler praktikken med Havnens Lager.")
    worker.locator("#agreed-until").fill((clock.today() + timedelta(days=14)).isoformat())
    _axe_both(worker, base)
    worker.locator("#summary").fill("Vi talte om praktikken.")
    worker.locator("#agreed-citizen").fill("Søg to lagerjob om ugen.")
    worker.locator("#agreed-municipality").fill("Kommunen aftaler praktikken med Havnens Lager.")
    worker.locator("#agreed-until").fill((clock.today() + timedelta(days=14)).isoformat())
    worker.locator("main form button[type=submit], main form input[type=submit]").last.click()
    worker.wait_for_url(f"**/sagsbehandler/borger/{mette}*")
    assert "Det aftalte" in worker.locator("main").inner_text()

    # The target group from a date, with a reason.
    worker.locator("#group-new").select_option("kontanthjaelp_jobparat")
    worker.locator("#group-from").fill((clock.today() - timedelta(days=1)).isoformat())
    worker.locator("#group-reason").fill("Dagpengeretten er opbrugt.")
    worker.locator("#group-submit").click()
    worker.wait_for_url("**#maalgruppe")
    assert "Målgruppen for Mette Jensen er skiftet" in worker.locator("main").inner_text()

    # Historik tells it all in plain words.
    worker.get_by_role("link", name="Historik").first.click()
    worker.wait_for_url("**/historik")
    history = worker.locator("#history").inner_text()
    assert "Anne Sørensen tilføjede målet Lagerchef" in history
    assert "tilføjede aktiviteten Praktik hos Havnens Lager" in history
    assert "som afholdt" in history and "ændrede målgruppen" in history
    assert history.index("ændrede målgruppen") < history.index("tilføjede målet Lagerchef")  # newest first
    _axe_both(worker, base)
    screenshot(worker, "history-da")
    assert errors == []
    desk.close()

    # The citizen on a phone.
    phone = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True, locale="da-DK")
    page = phone.new_page()
    page.goto(f"{base}/log-ind/mitid")
    page.get_by_label("Mette Jensen").check()
    page.get_by_role("button", name="Log ind som testborger").click()
    page.wait_for_url("**/min-plan")
    main = page.locator("main").inner_text()
    assert "Din plan er opdateret" in main
    assert page.locator("section[aria-labelledby=activities] .app-new").count() == 1
    assert page.locator("section[aria-labelledby=goals] .app-new").count() == 1
    assert "Det aftalte" in main and "Søg to lagerjob om ugen." in main
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    _axe_both(page, base)
    screenshot(page, "min-plan-updated-da")
    page.get_by_role("button", name="Jeg har læst min plan").click()
    page.wait_for_url("**/min-plan#laest")
    main = page.locator("main").inner_text()
    assert "Tak. Vi har registreret, at du har læst din plan." in main and "Du bekræftede" in main
    _axe_both(page, base)
    phone.close()
    confirmed = db.execute("SELECT confirmed_at FROM plan_reads WHERE citizen_id = ?", [mette]).fetchone()[0]
    assert confirmed
