"""The administrator's staff page at a desk (1366x900, issue 10): Karen of Fjordby creates an
account, disables it (the receipt says so) and changes her own password. axe-core finds no
WCAG 2.1 A/AA violations, in Danish and English."""
from app import demo

from .conftest import axe_violations, screenshot


def axe_in_both_languages(page, base, path):
    for code in ("da", "en"):
        page.goto(f"{base}/sprog/{code}?next={path}")
        assert page.locator("html").get_attribute("lang") == code
        assert axe_violations(page) == [], (code, path)
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], (code, path)


def test_administrator_manages_staff(live_server, browser):
    base = live_server
    context = browser.new_context(viewport={"width": 1366, "height": 900}, bypass_csp=True, locale="da-DK")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{base}/sprog/da?next=/log-ind/medarbejder")
    page.get_by_label("E-mail").fill("karen@fjordby.example")
    page.get_by_label("Adgangskode").fill(demo.DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url("**/sagsbehandler/")
    page.locator("nav.app-nav").get_by_role("link", name="Medarbejdere").click()
    page.wait_for_url("**/sagsbehandler/medarbejdere")
    assert "henrik@fjordby.example" in page.locator("#staff").inner_text()

    # A refused form first: the message is tied to its field.
    page.get_by_label("Navn").fill("Ida Berg")
    page.get_by_label("Arbejdsmail").fill("ida@fjordby.example")
    page.get_by_label("Første adgangskode").fill("kort")
    page.get_by_role("button", name="Opret konto").click()
    assert "Adgangskoden skal være mindst 12 tegn lang." in page.locator("#error-summary").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Første adgangskode").fill("fire ord i en raekke")
    page.get_by_role("button", name="Opret konto").click()
    page.wait_for_url("**/sagsbehandler/medarbejdere*")
    assert "Kontoen til Ida Berg er oprettet" in page.locator("main").inner_text()
    row = page.locator("#staff tr", has_text="ida@fjordby.example")
    row.get_by_role("button", name="Deaktiver").click()
    page.wait_for_url("**/sagsbehandler/medarbejdere*")
    assert "Kontoen til Ida Berg er deaktiveret" in page.locator("main").inner_text()
    assert "Deaktiveret" in page.locator("#staff tr", has_text="ida@fjordby.example").inner_text()
    axe_in_both_languages(page, base, "/sagsbehandler/medarbejdere")
    screenshot(page, "staff-list")

    page.goto(f"{base}/sprog/en?next=/sagsbehandler/adgangskode")
    page.get_by_label("Current password").fill("wrong password")
    page.get_by_label("New password", exact=True).fill("another long password")
    page.get_by_label("Repeat the new password").fill("another long password")
    page.get_by_role("button", name="Change password").click()
    assert "The current password is wrong." in page.locator("#error-summary").inner_text()
    axe_in_both_languages(page, base, "/sagsbehandler/adgangskode")
    assert errors == []
    context.close()
