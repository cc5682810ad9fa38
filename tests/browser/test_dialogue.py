"""The dialogue in a real browser (issue 14): the citizen on a phone (390x844) writes to the
municipality with a PDF attached; the caseworker at a desk (1366x900) answers from the queue;
the citizen sees the answer. axe-core finds no WCAG 2.1 A/AA violations, in Danish and English."""
from app import demo

from .conftest import axe_violations, screenshot

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def axe_in_both_languages(page, base, path):
    for code in ("da", "en"):
        page.goto(f"{base}/sprog/{code}?next={path}")
        assert page.locator("html").get_attribute("lang") == code
        assert axe_violations(page) == [], (code, path)
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], (code, path)


def test_citizen_writes_with_an_attachment_caseworker_answers_citizen_reads(live_server, page, browser, tmp_path):
    base = live_server
    page.goto(f"{base}/sprog/en?next=/log-ind")
    page.goto(f"{base}/log-ind/mitid")
    page.get_by_label("Sofie Nielsen").check()
    page.get_by_role("button", name="Log in as test citizen").click()
    page.wait_for_url("**/min-plan")

    page.locator("nav.app-nav").get_by_role("link", name="Messages").click()
    page.wait_for_url("**/beskeder")
    assert "Your messages with the municipality" in page.locator("main").inner_text()
    page.get_by_role("link", name="Write to the municipality").first.click()
    page.wait_for_url("**/beskeder/ny")
    assert "We normally answer within 2 working days." in page.locator("main").inner_text()
    axe_in_both_languages(page, base, "/beskeder/ny")

    # A refused file first: a clear message, tied to the field.
    page.get_by_label("Subject").fill("Lægeerklæring til praktikken")
    page.get_by_label("Your message").fill("Hej. Her er min lægeerklæring.\n\nVenlig hilsen Sofie")
    fake = tmp_path / "erklaering.pdf"
    fake.write_bytes(b"MZ\x90\x00 not a pdf")
    page.get_by_label("Attach a file").set_input_files(str(fake))
    page.get_by_role("button", name="Send the message").click()
    assert "The file must be a PDF, JPEG or PNG file" in page.locator("#error-summary").inner_text()
    assert axe_violations(page) == []
    real = tmp_path / "lægeerklæring.pdf"
    real.write_bytes(PDF)
    page.get_by_label("Attach a file").set_input_files(str(real))
    page.get_by_role("button", name="Send the message").click()
    page.wait_for_url("**/beskeder/traad/*")
    main = page.locator("main").inner_text()
    assert "Your message is sent to Jobcenter Fjordby" in main and "lægeerklæring.pdf" in main
    assert "Not read yet" in main and "70 10 20 30" in main
    thread_path = page.url.replace(base, "").split("?")[0]
    axe_in_both_languages(page, base, thread_path)
    screenshot(page, "dialogue-citizen-sent")
    assert page.js_errors == []

    desk = browser.new_context(viewport={"width": 1366, "height": 900}, bypass_csp=True, locale="da-DK")
    worker = desk.new_page()
    worker.goto(f"{base}/sprog/en?next=/log-ind/medarbejder")
    worker.get_by_label("E-mail").fill("anne@fjordby.example")
    worker.get_by_label("Password").fill(demo.DEMO_PASSWORD)
    worker.locator("main button[type=submit]").click()
    worker.wait_for_url("**/sagsbehandler/")
    assert "1 message not answered" in worker.locator("main").inner_text()
    nav = " ".join(worker.locator("nav.app-nav").inner_text().split())
    assert "Messages (1 unanswered)" in nav
    worker.locator("nav.app-nav").get_by_role("link", name="Messages").click()
    worker.wait_for_url("**/sagsbehandler/beskeder")
    axe_in_both_languages(worker, base, "/sagsbehandler/beskeder")
    worker.locator("#queue-waiting").get_by_role("link", name="Lægeerklæring til praktikken").click()
    worker.wait_for_url("**/sagsbehandler/beskeder/*")
    assert "lægeerklæring.pdf" in worker.locator("main").inner_text()
    with worker.expect_download() as download:
        worker.get_by_role("link", name="lægeerklæring.pdf").click()
    assert open(download.value.path(), "rb").read() == PDF
    axe_in_both_languages(worker, base, worker.url.replace(base, ""))
    worker.get_by_label("Your answer").fill("Tak, Sofie. Vi har modtaget den og lægger den på din sag.")
    worker.get_by_role("button", name="Send the answer").click()
    assert "Your answer is sent" in worker.locator("main").inner_text()
    screenshot(worker, "dialogue-caseworker-answered")
    desk.close()

    page.goto(f"{base}/beskeder")
    assert "New answer" in page.locator("#thread-list").inner_text()
    page.locator("#thread-list").get_by_role("link", name="Lægeerklæring til praktikken").click()
    main = page.locator("main").inner_text()
    assert "Tak, Sofie. Vi har modtaget den" in main and "Anne Sørensen, Jobcenter Fjordby" in main
    assert "Read" in main
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "dialogue-citizen-reads-answer")
    assert page.js_errors == []
    # Nothing scrolls sideways at 320 px: the thread, a new message, Kontakt, the calendar address.
    page.set_viewport_size({"width": 320, "height": 700})
    for path in (thread_path, "/beskeder", "/beskeder/ny", "/kontakt", "/indstillinger"):
        page.goto(base + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    page.locator("#kalender ~ form button[type=submit]").click()
    assert page.locator("h1").inner_text() == "Your calendar address"
    assert page.locator("#calendar-https").input_value().startswith(base + "/kalender/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
