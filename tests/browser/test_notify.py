"""A citizen on a phone reads a message (unread count in the menu) and chooses how to be
reminded; axe-core finds no WCAG 2.1 A/AA violations on the pages, in Danish and English."""
from .conftest import axe_violations, screenshot


def _login(page, live_server, name="Mette Jensen"):
    page.goto(f"{live_server}/sprog/en?next=/log-ind")
    page.goto(f"{live_server}/log-ind/mitid")
    page.get_by_label(name).check()
    page.get_by_role("button", name="Log in as test citizen").click()
    page.wait_for_url("**/min-plan")


def test_citizen_reads_a_message_and_changes_settings(live_server, page):
    _login(page, live_server)
    menu = page.locator("nav.app-nav")
    assert "Messages (1 unread)" in " ".join(menu.inner_text().split())

    page.get_by_role("link", name="Messages (1 unread)").click()
    page.wait_for_url("**/beskeder")
    assert page.locator("h1").inner_text() == "Messages"
    assert "Unread" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    screenshot(page, "notify-messages-en")

    page.locator("a.app-notice-link").first.click()
    assert page.locator("h1").inner_text().startswith("Your conversation is booked")
    assert "See your conversation, or tell us you can't come" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    assert "unread" not in page.locator("nav.app-nav").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_role("link", name="Settings").click()
    page.wait_for_url("**/indstillinger")
    assert page.locator("h1").inner_text() == "Settings"
    assert axe_violations(page) == []
    # E-mail is not configured on this server: shown, explained, and not to be chosen.
    assert page.get_by_label("By e-mail").is_disabled()
    assert "Not available: Min Plan does not send e-mail at the moment." in page.locator("main").inner_text()
    page.locator("#phone").fill("")
    page.get_by_label("By SMS").check()
    page.get_by_role("button", name="Save settings").click()
    assert "There is a problem" in page.locator("main").inner_text()
    assert "Enter your mobile number to get messages by SMS" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    screenshot(page, "notify-settings-error-en")

    page.locator("#phone").fill("12 34 56 78")
    page.locator("#email").fill("mette@example.org")
    page.get_by_label("Before the joblog deadline").uncheck()
    page.get_by_role("button", name="Save settings").click()
    page.wait_for_url("**/indstillinger")
    assert "Your settings are saved." in page.locator("main").inner_text()
    assert page.locator("#email").input_value() == "mette@example.org"
    assert page.get_by_label("By SMS").is_checked()
    assert not page.get_by_label("Before the joblog deadline").is_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.js_errors == []


def test_pages_pass_axe_in_danish_and_english(live_server, page):
    _login(page, live_server, "Ali Hassan")
    for path in ("/beskeder", "/indstillinger"):
        for code in ("da", "en"):
            page.goto(f"{live_server}/sprog/{code}?next={path}")
            assert page.locator("html").get_attribute("lang") == code
            assert axe_violations(page) == [], (path, code)
    screenshot(page, "notify-settings-en")
