"""The citizen's path on a phone (390x844), Danish and English, axe-core clean: 'What to do now'
with several things, the most urgent first with its button; the English wording for afbud; the
login page in the browser's language."""
import re

from .conftest import axe_violations, screenshot


def _login(page, base, name):
    page.goto(f"{base}/log-ind/mitid")
    page.get_by_label(name).check()
    page.get_by_role("button", name="Log ind som testborger").click()
    page.wait_for_url("**/min-plan")


def test_what_to_do_now_lists_the_most_urgent_first_then_by_deadline(live_server, page):
    _login(page, live_server, "Ali Hassan")
    now = page.locator("#now").locator("xpath=..")
    assert page.locator("html").get_attribute("lang") == "da"
    first = now.locator(".app-now-text").inner_text()
    assert first.startswith("Du har en samtale")
    assert now.locator("a.button-primary").inner_text() == "Se dine samtaler"
    later = now.locator(".app-now-later li")
    assert later.count() >= 2
    texts = [later.nth(i).inner_text() for i in range(later.count())]
    joblog = next(i for i, t in enumerate(texts) if "jobansøgning" in t)
    booking = next(i for i, t in enumerate(texts) if t.startswith("Book din samtale"))
    assert joblog < booking  # the earlier joblog deadline is not hidden by the later booking deadline
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "what-to-do-now-da")

    page.goto(f"{live_server}/sprog/en?next=/min-plan")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "After that" in now.inner_text() and now.locator(".app-now-later li").count() == len(texts)
    assert axe_violations(page) == []
    screenshot(page, "what-to-do-now-en")
    # afbud in English: "tell us you can't come", never a bare "Cancel".
    main = page.locator("main")
    assert main.get_by_role("link", name=re.compile(r"^Tell us you can't come")).count() >= 1
    assert main.get_by_role("link", name=re.compile(r"^Cancel\b")).count() == 0
    page.get_by_role("link", name=re.compile(r"^Tell us you can't come")).first.click()
    page.wait_for_url("**/afbud")
    body = page.locator("main").inner_text()
    assert "What it means to tell us you cannot come" in body
    assert "(required if you choose another reason)" in body and "Tell us more (optional)" not in body
    assert page.get_by_role("button", name="Send: I can't come").is_visible()
    assert axe_violations(page) == []
    assert page.js_errors == []


def test_the_login_page_follows_the_browsers_language(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(f"{live_server}/log-ind")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("h1").inner_text() == "Log in to Min Plan"
        assert axe_violations(page) == []
    finally:
        context.close()
