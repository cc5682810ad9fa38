"""A citizen on a phone (390x844): test login, Min Plan in Danish, then in English; axe-core
finds no WCAG 2.1 A/AA violations on the login page and Min Plan in both languages."""
from .conftest import axe_violations, screenshot


def test_citizen_logs_in_and_reads_min_plan_in_danish_and_english(live_server, page):
    page.goto(f"{live_server}/log-ind")
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.locator("h1").inner_text() == "Log ind på Min Plan"
    assert axe_violations(page) == []
    screenshot(page, "login-da")

    page.get_by_role("link", name="Log ind med MitID (testlogin)").click()
    assert axe_violations(page) == []
    page.get_by_label("Mette Jensen").check()
    page.get_by_role("button", name="Log ind som testborger").click()
    page.wait_for_url("**/min-plan")

    assert page.locator("h1").inner_text() == "Min plan"
    assert page.title().startswith("Min plan")
    body = page.locator("main").inner_text()
    assert "Det skal du nu" in body
    assert "Næste samtale" in body and "Video" in body
    assert "Lagermedarbejder" in body
    assert "Dine pligter" in body and "Dine rettigheder" in body
    assert axe_violations(page) == []
    screenshot(page, "min-plan-da")

    # The phone-sized page does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/min-plan")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "My plan"
    body = page.locator("main").inner_text()
    assert "What to do now" in body and "Next conversation" in body and "Your duties" in body
    assert axe_violations(page) == []
    screenshot(page, "min-plan-en")

    page.goto(f"{live_server}/log-ind")
    # Logged in already: the login page sends the citizen to the plan, still in English.
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("button", name="Log out").first.click()
    page.wait_for_url("**/log-ind")
    assert page.locator("h1").inner_text() == "Log in to Min Plan"
    assert axe_violations(page) == []
    assert page.js_errors == []


def test_duties_open_and_close_by_keyboard(live_server, page):
    page.goto(f"{live_server}/log-ind/mitid")
    page.get_by_label("Ali Hassan").check()
    page.get_by_role("button", name="Log ind som testborger").click()
    page.wait_for_url("**/min-plan")
    summary = page.locator("#duty-joblog > summary")  # not the nested "Læs mere"
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("#duty-joblog").get_attribute("open") is not None
    # The caseworker's agreed number (3) is what Ali sees, not the rules' default (2).
    assert "mindst 3 jobansøgninger" in page.locator("#duty-joblog").inner_text()


def test_empty_plan_tells_a_new_citizen_what_happens_next(live_server, page):
    page.goto(f"{live_server}/log-ind/mitid")
    page.get_by_label("Emma Holm").check()
    page.get_by_role("button", name="Log ind som testborger").click()
    page.wait_for_url("**/min-plan")
    body = page.locator("main").inner_text()
    assert "Hvad sker der nu" in body
    assert axe_violations(page) == []
