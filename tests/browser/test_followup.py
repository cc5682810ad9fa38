"""A sick-listed citizen on a phone (390x844) does the whole digital follow-up: the information
form (with a pause in the middle), the status questions before the first follow-up, and
chooses to have it by phone. axe-core finds no WCAG 2.1 A/AA violations on the pages, Danish
and English. Then the caseworker sees it all."""
import threading
from datetime import timedelta

import pytest
from werkzeug.serving import make_server

from app import clock, create_app, demo
from app.db import connect

from .conftest import axe_violations, screenshot


@pytest.fixture(scope="module")
def followup_server(tmp_path_factory):
    """Like the shared live server, with Hanne's first follow-up booked in person by the jobcenter,
    so that choosing the phone is a real change."""
    path = str(tmp_path_factory.mktemp("followup") / "live.sqlite")
    app = create_app({"TESTING": True, "ENV_NAME": "test", "SECRET_KEY": "browser-test", "DATABASE": path})
    db = connect(path)
    demo.load(db)
    db.execute("UPDATE conversations SET format = 'in_person', phone_number = NULL,"
               " location = 'Jobcenter Fjordby, Havnegade 12, 9999 Fjordby'"
               " WHERE kind = 'followup_first' AND status = 'booked'"
               " AND citizen_id = (SELECT id FROM citizens WHERE name = 'Hanne Larsen')")
    db.conn.close()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def axe_in_both_languages(page, base, path):
    for code in ("da", "en"):
        page.goto(f"{base}/sprog/{code}?next={path}")
        assert page.locator("html").get_attribute("lang") == code
        assert axe_violations(page) == [], (code, path)


def choose(page, input_id):
    page.locator(f"label[for='{input_id}']").click()


def continue_(page):
    page.get_by_role("button", name="Continue", exact=True).click()


def test_sick_listed_citizen_does_the_whole_follow_up_on_a_phone(followup_server, page):
    base = followup_server
    page.goto(f"{base}/sprog/en?next=/log-ind")
    page.goto(f"{base}/log-ind/mitid")
    page.get_by_label("Hanne Larsen").check()
    page.locator("main form[method=post] button[type=submit]").click()  # the login form, not the search
    page.wait_for_url("**/min-plan")
    now = page.locator("#now").locator("xpath=..").inner_text()
    assert "Fill in the information form by" in now
    plan = page.locator("main").inner_text()
    assert "Your follow-up" in plan and "Week 1 of 22" in plan

    page.locator("nav.app-nav").get_by_role("link", name="Follow-up").click()
    page.wait_for_url("**/opfoelgning")
    assert page.locator("h1").inner_text() == "Your follow-up"
    axe_in_both_languages(page, base, "/opfoelgning")
    screenshot(page, "followup-index-en")
    page.get_by_role("link", name="Fill in the form").click()
    page.get_by_role("link", name="Start").click()

    # Page 1: a job to return to.
    assert page.locator("h1").inner_text() == "Your work"
    axe_in_both_languages(page, base, "/opfoelgning/oplysningsskema/arbejde")
    continue_(page)  # nothing chosen: the error summary, and the page still works
    assert page.locator("#error-summary").is_visible()
    assert "Choose what you were doing when you became ill" in page.locator("#error-summary").inner_text()
    assert axe_violations(page) == []
    choose(page, "employment_status-0")
    continue_(page)
    page.wait_for_url("**/fravaer")
    axe_in_both_languages(page, base, "/opfoelgning/oplysningsskema/fravaer")
    screenshot(page, "followup-step-en")
    page.get_by_label("What was your first day of absence?").fill((clock.today() - timedelta(weeks=5)).isoformat())
    continue_(page)
    page.wait_for_url("**/delvis")
    choose(page, "partial-1")
    continue_(page)
    page.wait_for_url("**/varighed")
    # More than 8 weeks: the § 13 b follow-ups apply (a shorter case is the municipality's to plan).
    choose(page, "expected_duration-2")
    # A break: save and come back later.
    page.get_by_role("button", name="Save and continue later").click()
    page.wait_for_url("**/opfoelgning")
    assert "Your answers are saved" in page.locator("main").inner_text()
    page.get_by_role("link", name="Continue the form").click()   # straight back where they left off
    page.wait_for_url("**/arbejdsgiver")
    assert "Step 5 of 7" in page.locator("main").inner_text()
    axe_in_both_languages(page, base, "/opfoelgning/oplysningsskema/arbejdsgiver")
    choose(page, "employer_knows-0")
    choose(page, "return_within-1")
    # The 26-week rule needs the employer's expectation too (law no. 1750): asked beside the citizen's.
    choose(page, "employer_return_within-1")
    continue_(page)
    page.wait_for_url("**/hjaelp")
    axe_in_both_languages(page, base, "/opfoelgning/oplysningsskema/hjaelp")
    choose(page, "wants_help-0")
    choose(page, "retention_plan-1")
    continue_(page)
    page.wait_for_url("**/tjek")
    answers = page.locator("#form-answers").inner_text()
    assert "I have a job and am sick-listed from it" in answers and "2 to 6 months" in answers
    assert "Yes, I would like one" in answers
    axe_in_both_languages(page, base, "/opfoelgning/oplysningsskema/tjek")
    screenshot(page, "followup-check-en")
    page.get_by_role("button", name="Send the form").click()
    page.wait_for_url("**/kvittering")
    receipt = page.locator(".app-receipt").inner_text()
    assert "We have received your information form" in receipt and "Registered" in receipt
    axe_in_both_languages(page, base, "/opfoelgning/oplysningsskema/kvittering")

    # The status questions before the first follow-up.
    page.goto(f"{base}/opfoelgning")
    page.get_by_role("link", name="Answer the questions").click()
    assert page.locator("h1").inner_text() == "Before your follow-up conversation"
    status_path = page.url.replace(base, "")
    axe_in_both_languages(page, base, status_path)
    choose(page, "wellbeing-0")
    choose(page, "treatment-0")
    page.get_by_label("Tell us briefly about your treatment").fill("Fysioterapi to gange om ugen")
    choose(page, "partial_possible-0")
    page.get_by_label("What would help you back to work?").fill("At starte med fire timer om dagen")
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/status/kvittering")
    assert "Your answers are sent" in page.locator("h1").inner_text()
    axe_in_both_languages(page, base, status_path + "/kvittering")

    # Choose a phone conversation, on the conversations area's page (the contract's form).
    page.goto(f"{base}/opfoelgning")
    card = page.locator(".app-card", has_text="First follow-up conversation")
    assert "In person" in card.inner_text()
    assert "you can choose to have your first follow-up by phone or video" in page.locator("main").inner_text()
    card.get_by_role("link", name="Change how we meet").click()
    phone = page.locator("input[name=format][value=phone]")
    page.locator(f"label[for='{phone.get_attribute('id')}']").click()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{base}/opfoelgning")
    card = page.locator(".app-card", has_text="First follow-up conversation")
    assert "Phone" in card.inner_text() and "We will call you on 56789012" in card.inner_text()
    assert "Answers sent" in card.inner_text()
    axe_in_both_languages(page, base, "/opfoelgning")
    screenshot(page, "followup-done-en")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.js_errors == []


def test_the_caseworker_sees_the_answers(followup_server, page):
    base = followup_server
    page.goto(f"{base}/sprog/en?next=/log-ind/medarbejder")
    page.get_by_label("E-mail").fill("henrik@fjordby.example")
    page.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/sagsbehandler/")
    page.locator("nav.app-nav").get_by_role("link", name="Follow-up").click()
    page.wait_for_url("**/sagsbehandler/opfoelgning")
    queue = page.locator("main").inner_text()
    assert "Hanne Larsen" in queue and "Niels Bak" in queue
    axe_in_both_languages(page, base, "/sagsbehandler/opfoelgning")
    page.locator("#due-table").get_by_role("link", name="Hanne Larsen").click()
    section = page.locator("#opfoelgning-sag").inner_text()
    assert "At starte med fire timer om dagen" in section and "I have a job and am sick-listed from it" in section
    axe_in_both_languages(page, base, page.url.replace(base, "").split("#")[0])
