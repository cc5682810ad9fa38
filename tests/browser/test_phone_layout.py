"""The citizen's pages on narrow phones (issue 14): at 320 and 390 px nothing scrolls sideways
(a long video link did), list cards keep their padding, and buttons do not touch each other or the
field above them, on every page a citizen reaches by links, in Danish and English. Then booking
at 390x844 with axe: a day first, then that day's times, then how to meet (not headed "Check
your answers"), then the receipt."""
from datetime import timedelta

import pytest

from app import clock, create_app, demo
from app.db import connect

from ..conftest import serving
from .citizen_pages import OVERFLOW, crawl, log_in
from .conftest import axe_violations, screenshot

PUBLIC = ["/log-ind", "/log-ind/mitid", "/tilgaengelighed", "/privatliv", "/kontakt", "/findes-ikke"]


@pytest.fixture(scope="module")
def phone_server(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("phone") / "live.sqlite")
    app = create_app({"TESTING": True, "ENV_NAME": "test", "SECRET_KEY": "browser-phone", "DATABASE": path})
    db = connect(path)
    demo.load(db)
    with serving(app) as url:
        yield url, db
    db.conn.close()


def _problems(results: dict) -> dict:
    return {width: r for width, r in results.items()
            if r["scroll"] > r["client"] or r["wide"] or r["cards"] or r["buttons"]}


@pytest.mark.parametrize("name, lang", [("Mette Jensen", "da"), ("Hanne Larsen", "da"),
                                        ("Lars Christensen", "en"), ("Yusuf Ahmadi", "en")])
def test_no_citizen_page_scrolls_sideways_at_320_or_390(phone_server, browser, name, lang):
    base, _db = phone_server
    context = browser.new_context(viewport={"width": 320, "height": 800}, locale="da-DK")
    page = context.new_page()
    visited, bad = [], {}
    for path, results in crawl(page, base, name, lang=lang):
        visited.append(path)
        if _problems(results):
            bad[path] = _problems(results)
    context.close()
    assert not bad, bad
    # The crawl really went through the citizen's pages (the menu, and pages behind them).
    assert "/min-plan" in visited and "/samtaler" in visited and "/beskeder" in visited and len(visited) >= 8, visited
    if name == "Mette Jensen":
        assert "/joblog" in visited and any(p.startswith("/samtaler/") for p in visited)
    if name == "Hanne Larsen":
        assert any(p.startswith("/opfoelgning/oplysningsskema") for p in visited)


def test_public_and_error_pages_fit_at_320(phone_server, page):
    base, _db = phone_server
    for lang in ("da", "en"):
        page.goto(f"{base}/sprog/{lang}?next=/log-ind")
        for path in PUBLIC:
            page.goto(base + path)
            for width in (320, 390):
                page.set_viewport_size({"width": width, "height": 800})
                result = page.evaluate(OVERFLOW)
                assert not _problems({width: result}), (lang, path, result)


def test_the_video_link_and_the_cards_at_320(phone_server, browser):
    """The two rough edges the walkthrough named, checked on their own: Mette's video link (a long
    word) wraps inside its card, and the card has its padding on every side."""
    base, _db = phone_server
    context = browser.new_context(viewport={"width": 320, "height": 800}, locale="da-DK")
    page = context.new_page()
    log_in(page, base, "Mette Jensen")
    page.goto(f"{base}/samtaler")
    card = page.locator("li.app-card").first
    assert "https://video." in card.inner_text()
    box = card.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    pads = card.evaluate("e => ['Left', 'Right', 'Top'].map(s => parseFloat(getComputedStyle(e)['padding' + s]))")
    assert min(pads) >= 12, pads
    assert page.evaluate("document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")
    screenshot(page, "phone-320-samtaler")
    context.close()


def _invitation_with_times_on_three_days(db, name):
    person = db.execute("SELECT id, municipality_id FROM citizens WHERE name = ?", [name]).fetchone()
    today = clock.today()
    db.execute("UPDATE booking_invitations SET status = 'withdrawn' WHERE citizen_id = ?", [person["id"]])
    inv = db.execute(
        "INSERT INTO booking_invitations (citizen_id, municipality_id, kind, held_by, deadline, window_start, window_end,"
        " status, created_at, updated_at) VALUES (?,?, 'job', 'jobcenter', ?,?,?, 'open', 'x', 'x')",
        [person["id"], person["municipality_id"], (today + timedelta(days=10)).isoformat(), today.isoformat(),
         (today + timedelta(days=21)).isoformat()]).lastrowid
    made = []
    for days, hours in ((2, (8, 9, 10, 11, 13, 14)), (3, (9, 10)), (6, (8, 9, 10, 11, 12, 13, 14, 15))):
        for hour in hours:
            starts = clock.local_datetime(today + timedelta(days=days), hour, 0)
            if clock.local(starts).weekday() >= 5:
                continue
            made.append(db.execute(
                "INSERT INTO slots (municipality_id, caseworker_id, starts_at, ends_at, formats, location, status,"
                " created_at) VALUES (?, (SELECT id FROM caseworkers WHERE email = 'anne@fjordby.example'), ?, ?,"
                " 'in_person,phone,video', 'Havnegade 12, 9999 Fjordby', 'open', ?)",
                [person["municipality_id"], clock.to_db(starts), clock.to_db(starts + timedelta(minutes=45)),
                 clock.to_db(clock.now())]).lastrowid)
    return inv


@pytest.mark.parametrize("name, lang", [("Ali Hassan", "da"), ("Lars Christensen", "en")])
def test_booking_chooses_a_day_then_a_time(phone_server, page, name, lang):
    base, db = phone_server
    inv = _invitation_with_times_on_three_days(db, name)
    t = {"da": {"day": "Vælg en dag", "time": "Vælg en tid", "other": "Vælg en anden dag", "chosen": "Den tid, du har valgt",
                "check": "Tjek dine svar", "in_person": "Fremmøde", "book": "Book denne tid", "done": "Din samtale er booket"},
         "en": {"day": "Choose a day", "time": "Choose a time", "other": "Choose another day", "chosen": "The time you have chosen",
                "check": "Check your answers", "in_person": "In person", "book": "Book this time",
                "done": "Your conversation is booked"}}[lang]
    log_in(page, base, name, lang)
    page.goto(f"{base}/samtaler/book/{inv}")
    assert page.locator("h1").inner_text() == t["day"]
    days = page.locator("a.app-day-choice")
    count = days.count()
    assert count >= 2 and page.locator("a.app-slot[href*='/tid/']").count() == 0
    # Short: a few days, not a page of every time.
    assert page.evaluate("document.scrollingElement.scrollHeight") < 3000
    assert axe_violations(page) == []
    screenshot(page, f"booking-days-{lang}")

    days.nth(count - 1).click()  # the last day
    page.wait_for_url(f"**/samtaler/book/{inv}?dag=*")
    assert page.locator("h1").inner_text() == t["time"]
    times = page.locator("a.app-slot[href*='/tid/']")
    assert 1 <= times.count() <= 8
    assert page.get_by_role("link", name=t["other"]).is_visible()
    assert axe_violations(page) == []
    screenshot(page, f"booking-times-{lang}")

    page.get_by_role("link", name=t["other"]).click()
    page.wait_for_url(f"**/samtaler/book/{inv}")
    page.locator("a.app-day-choice").first.click()
    page.locator("a.app-slot[href*='/tid/']").first.click()
    page.wait_for_url(f"**/samtaler/book/{inv}/tid/*")
    main = page.locator("main").inner_text()
    assert t["chosen"] in main and t["check"] not in main
    assert axe_violations(page) == []
    # The button has room under the field above it.
    gap = page.evaluate("""() => { const b = document.querySelector('main form button[type=submit]');
        return b.getBoundingClientRect().top - b.previousElementSibling.getBoundingClientRect().bottom; }""")
    assert gap >= 16, gap
    page.get_by_label(t["in_person"]).check()
    page.get_by_role("button", name=t["book"]).click()
    page.wait_for_url("**/kvittering")
    assert t["done"] in page.locator("main").inner_text()
    assert axe_violations(page) == []
    assert page.js_errors == []


def test_the_error_summary_takes_focus_and_its_links_show_the_label(phone_server, page):
    """What DKFDS's script did for the one component that needs it (app.js now): the summary takes
    focus, and a link to a field focuses the field with its label (or a radio group's legend) in view."""
    base, _db = phone_server
    log_in(page, base, "Mette Jensen")
    page.goto(f"{base}/joblog/ny")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.evaluate("window.scrollTo(0, 0)")
    links = page.locator("#error-summary a")
    assert links.count() >= 2
    link = links.nth(links.count() - 1)
    target = link.get_attribute("href")[1:]
    link.click()
    assert page.evaluate("document.activeElement.id") == target
    above = page.evaluate("""id => { const input = document.getElementById(id);
        const fieldset = input.closest('fieldset');
        const el = (input.type === 'radio' || input.type === 'checkbox') && fieldset ? fieldset.querySelector('legend')
                   : (input.labels[0] || fieldset.querySelector('legend'));
        const r = el.getBoundingClientRect(); return [r.top, r.bottom, innerHeight]; }""", target)
    assert 0 <= above[0] and above[1] <= above[2], above  # the label is on the screen, not scrolled off the top
    assert page.js_errors == []
