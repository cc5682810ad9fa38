"""A jobseeker on a phone (390x844) registers job search and sees the progress change; axe-core
finds no WCAG 2.1 A/AA violations on the joblog pages in Danish and English."""
import re

from .conftest import axe_violations, screenshot


def _login(page, live_server, name):
    page.goto(f"{live_server}/sprog/en?next=/log-ind")
    page.goto(f"{live_server}/log-ind/mitid")
    page.get_by_label(name).check()
    page.get_by_role("button", name="Log in as test citizen").click()
    page.wait_for_url("**/min-plan")


def _registered(page) -> int:
    text = page.locator("#progress .app-progress-text strong").inner_text()
    match = re.match(r"(\d+) of (\d+)", text)
    assert match, text
    return int(match.group(1))


def test_register_job_search_on_a_phone(live_server, page):
    _login(page, live_server, "Jonas Madsen")
    # From Min Plan's job-search section straight to the form.
    page.get_by_role("link", name="Register job search").first.click()
    page.wait_for_url("**/joblog/ny")
    page.goto(f"{live_server}/joblog")
    before = _registered(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_role("link", name="Register job search").click()
    page.wait_for_url("**/joblog/ny")
    assert page.locator("h1").inner_text() == "Register job search"
    # A mistake first: no employer. The message sits by the field; what was typed stays.
    page.get_by_label("Job title").fill("Elektrikerlærling")
    page.get_by_role("button", name="Save").click()
    assert "There is a problem" in page.locator("#error-summary").inner_text()
    assert "Enter the employer" in page.locator("#employer-error").inner_text()
    assert page.get_by_label("Job title").input_value() == "Elektrikerlærling"
    assert axe_violations(page) == []
    screenshot(page, "joblog-add-error-en")

    page.get_by_label("Employer").fill("Fjordby El-service")
    page.get_by_label("Unsolicited application").check()
    page.get_by_label("Where did you find the job?").fill("Facebook")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/joblog")
    assert "Your job search at Fjordby El-service is saved." in page.locator("main").inner_text()
    assert _registered(page) == before + 1
    assert "Fjordby El-service" in page.locator("#entries").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "joblog-en")

    page.goto(f"{live_server}/min-plan")
    assert f"{before + 1} of 2" in page.locator("#jobsoegning").inner_text()
    assert page.js_errors == []


def test_joblog_pages_have_no_axe_violations_in_danish_and_english(live_server, page):
    _login(page, live_server, "Mette Jensen")
    for path in ["/joblog", "/joblog/ny"]:
        for locale in ("da", "en"):
            page.goto(f"{live_server}/sprog/{locale}?next={path}")
            assert page.locator("html").get_attribute("lang") == locale
            if path == "/joblog":
                page.locator("#joblog-filter summary").click()  # the filter form, opened
            assert axe_violations(page) == [], (path, locale)
    screenshot(page, "joblog-add-en")
    page.goto(f"{live_server}/sprog/da?next=/joblog")
    screenshot(page, "joblog-da")
    assert page.js_errors == []


def test_caseworker_joblog_pages_have_no_axe_violations(live_server, page):
    page.goto(f"{live_server}/sprog/en?next=/log-ind/medarbejder")
    page.get_by_label("E-mail").fill("anne@fjordby.example")
    page.get_by_label("Password").fill("minplan-demo")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/sagsbehandler/")
    page.locator("nav.app-nav").get_by_role("link", name=re.compile(r"^Joblogs")).click()  # the name goes on with its count
    page.wait_for_url("**/sagsbehandler/joblog")
    assert page.locator("h1").inner_text() == "Joblogs at risk or missed"
    page.get_by_role("link", name="Jonas Madsen").click()
    page.wait_for_url("**/sagsbehandler/joblog/borger/*")
    assert "Not met" in page.locator("main").inner_text()
    citizen_path = page.url.split(live_server)[1]
    for path in ["/sagsbehandler/joblog", citizen_path]:
        for locale in ("da", "en"):
            page.goto(f"{live_server}/sprog/{locale}?next={path}")
            assert axe_violations(page) == [], (path, locale)
    screenshot(page, "joblog-caseworker-citizen-en")
    assert page.js_errors == []
