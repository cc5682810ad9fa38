"""On a phone (390x844), Danish and English, with axe: the change card on Min Plan, the page of
what changes (the expected rule set of 1 January 2027 is within 8 weeks of the suite's instant),
and reporting a holiday to its receipt."""
from datetime import timedelta

from app import clock
from app.rules import rules_for

from .conftest import axe_violations, screenshot


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_change_card_change_page_and_holiday_report_in_danish_and_english(live_server, page):
    page.goto(f"{live_server}/log-ind/mitid")
    page.get_by_label("Bo Berg").check()
    page.get_by_role("button", name="Log ind som testborger").click()
    page.wait_for_url("**/min-plan")

    card = page.locator("#changes-card-section")
    assert "Det ændres 1. januar 2027" in card.inner_text() and "Forventet" in card.inner_text()
    assert axe_violations(page) == []
    _no_sideways_scroll(page)
    card.get_by_role("link", name="Se, hvad der ændres for dig").click()
    page.wait_for_url("**/min-plan/aendringer")
    assert page.locator("h1").inner_text() == "Det ændres for dig"
    assert "Jobsøgning i joblog" in page.locator("main").inner_text()
    page.locator("#change-joblog summary").click()
    assert "Kilde:" in page.locator("#change-joblog").inner_text()
    assert axe_violations(page) == []
    _no_sideways_scroll(page)
    screenshot(page, "changes-da")

    page.goto(f"{live_server}/min-plan")
    page.get_by_role("link", name="Meld syg eller ferie").click()
    page.wait_for_url("**/min-plan/meld")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Meld ferie").click()
    page.wait_for_url("**/min-plan/meld/ferie")
    assert axe_violations(page) == []
    notice = rules_for("dagpenge", clock.today()).reports.holiday_notice_days
    # Too late first: the error summary names the earliest day.
    page.get_by_label("Første feriedag").fill((clock.today() + timedelta(days=notice - 1)).isoformat())
    page.get_by_label("Sidste feriedag").fill((clock.today() + timedelta(days=notice + 3)).isoformat())
    page.get_by_role("button", name="Meld ferie").click()
    assert "tidligst" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Første feriedag").fill((clock.today() + timedelta(days=notice + 1)).isoformat())
    page.get_by_label("Sidste feriedag").fill((clock.today() + timedelta(days=notice + 5)).isoformat())
    page.get_by_role("button", name="Meld ferie").click()
    page.wait_for_url("**/kvittering**")
    assert page.locator("h1").inner_text() == "Din ferie er registreret"
    assert "Registreret" in page.locator(".app-receipt").inner_text()
    assert axe_violations(page) == []
    _no_sideways_scroll(page)
    screenshot(page, "holiday-receipt-da")

    page.goto(f"{live_server}/min-plan")
    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/min-plan")
    assert "What changes on 1 January 2027" in page.locator("#changes-card-section").inner_text()
    assert axe_violations(page) == []
    page.goto(f"{live_server}/min-plan/aendringer")
    assert page.locator("h1").inner_text() == "What changes for you"
    assert axe_violations(page) == []
    _no_sideways_scroll(page)
    page.goto(f"{live_server}/min-plan/meld/ferie")
    assert page.locator("h1").inner_text() == "Report holiday"
    assert axe_violations(page) == []
    page.goto(f"{live_server}/min-plan/meld")
    assert "Holiday from" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    assert page.js_errors == []


def test_caseworker_rules_page_and_today_have_no_axe_violations(live_server, page):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server}/sprog/da?next=/log-ind/medarbejder")
    page.get_by_label("E-mail").fill("anne@fjordby.example")
    page.get_by_label("Adgangskode").fill("minplan-demo")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/sagsbehandler/")
    assert "Reglerne ændres 1. januar 2027" in page.locator("#changes-today-panel").inner_text()
    page.get_by_role("link", name="Se alle regler for alle målgrupper").click()
    page.wait_for_url("**/sagsbehandler/regler")
    assert page.locator("h1").inner_text() == "Reglerne"
    assert page.locator("#rules-table tbody tr").count() > 100
    for path in ["/sagsbehandler/regler", "/sagsbehandler/"]:
        for locale in ("da", "en"):
            page.goto(f"{live_server}/sprog/{locale}?next={path}")
            assert axe_violations(page) == [], (path, locale)
    screenshot(page, "today-caseworker-en")
    assert page.js_errors == []
