"""On a 390 px phone: the DKFDS Latin-1 font subsets arrive preloaded without moving anything, the
top navigation stays on one line even when the web font never arrives, and the test login is a
search by name."""
import re

import pytest

from .conftest import axe_violations, screenshot

NAV = """() => {
  const list = document.querySelector('.app-nav-list');
  const items = [...list.children];
  const box = list.getBoundingClientRect();
  const current = list.querySelector('[aria-current=page]');
  const at = current && current.getBoundingClientRect();
  return {
    rows: new Set(items.map(e => Math.round(e.getBoundingClientRect().top))).size,
    height: Math.round(box.height),
    overflow: list.scrollWidth - list.clientWidth,
    page: document.documentElement.scrollWidth,
    currentVisible: current ? at.left >= box.left - 1 && at.right <= box.right + 1 : null,
    loadedFonts: [...document.fonts].filter(f => f.status === 'loaded').length,
  };
}"""

LAYOUT_SHIFTS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) total += e.value; })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 500);
})"""


def _without_web_font(page):
    page.route("**/*.woff2", lambda route: route.abort())


def _citizen(page, base, name, lang):
    page.goto(f"{base}/sprog/{lang}?next=/log-ind/mitid")
    page.get_by_label(name).check()
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url("**/min-plan")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", ["Mette Jensen", "Hanne Larsen", "Ali Hassan"])
def test_citizen_menu_fits_on_one_line_in_the_fallback_font(live_server, page, name, lang):
    _without_web_font(page)
    _citizen(page, live_server, name, lang)
    nav = page.evaluate(NAV)
    assert nav["loadedFonts"] == 0  # really the fallback font
    assert nav["rows"] == 1, nav
    assert nav["overflow"] <= 0, nav  # every entry visible, nothing to scroll
    assert nav["page"] <= 390 and nav["currentVisible"]
    if name == "Mette Jensen":  # the longest menu: joblog and an unread message
        menu = " ".join(page.locator("nav.app-nav").inner_text().split())
        assert ("Messages (1 unread)" if lang == "en" else "Beskeder (1 ulæst)") in menu
        assert page.get_by_role("link", name="Messages (1 unread)" if lang == "en" else "Beskeder (1 ulæst)").is_visible()
    screenshot(page, f"layout-menu-fallback-{name.split()[0].lower()}-{lang}")


@pytest.mark.parametrize("with_font", [True, False])
def test_caseworker_menu_is_one_line_and_shows_where_you_are(live_server, page, with_font):
    if not with_font:
        _without_web_font(page)
    page.goto(f"{live_server}/log-ind/medarbejder")
    page.get_by_label("E-mail").fill("anne@fjordby.example")
    page.get_by_label("Adgangskode").fill("minplan-demo")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/sagsbehandler/")
    # The last entry: on a phone the six entries scroll sideways, and the current one is in view.
    page.locator("nav.app-nav").get_by_role("link", name="Opfølgning").click()
    page.wait_for_load_state("networkidle")
    nav = page.evaluate(NAV)
    assert nav["rows"] == 1 and nav["page"] <= 390, nav
    assert nav["currentVisible"], nav
    if with_font:
        assert axe_violations(page) == []
    screenshot(page, f"layout-menu-caseworker-{'font' if with_font else 'fallback'}")


def test_latin1_fonts_are_preloaded_used_and_move_nothing(live_server, page):
    fonts = []
    page.on("request", lambda r: fonts.append(r.url) if r.url.endswith(".woff2") else None)
    page.goto(f"{live_server}/log-ind")
    page.wait_for_load_state("networkidle")
    assert fonts and all("/split/woff2/" in url and "-Latin1." in url for url in fonts), fonts
    assert len(fonts) == len(set(fonts))  # a preloaded font is fetched once, not again by the CSS
    preloaded = page.eval_on_selector_all('link[rel=preload][as=font]', "els => els.map(e => e.href)")
    assert len(preloaded) == 3 and set(preloaded) <= set(fonts)  # each preload is used
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.weight)")
    assert {"400", "600", "700"} <= set(loaded)
    assert page.evaluate("""document.fonts.check('16px "IBM Plex Sans"', 'Æblegrød på Østerbro')""")
    assert page.evaluate(LAYOUT_SHIFTS) == 0
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"IBM Plex Sans"')


def test_test_login_finds_a_citizen_by_name(live_server, page):
    page.goto(f"{live_server}/sprog/en?next=/log-ind/mitid")
    assert page.get_by_label("Mette Jensen").is_visible()  # the demo citizens before any search
    page.get_by_label("Name of the test citizen").fill("Lars")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/log-ind/mitid?q=Lars*")
    main = page.locator("main").inner_text()
    assert "2 citizens found." in main  # Hanne Larsen and Lars Christensen
    assert page.get_by_label("Mette Jensen").count() == 0
    assert axe_violations(page) == []
    screenshot(page, "layout-test-login-search")
    page.get_by_label("Hanne Larsen").check()
    page.get_by_role("button", name="Log in as test citizen").click()
    page.wait_for_url("**/min-plan")
    assert "Hanne Larsen" in page.locator("header").inner_text()


@pytest.mark.parametrize("lang", ["da", "en"])
def test_an_administrators_menu_with_its_counts_fits_a_desk_without_scrolling(live_server, browser, lang):
    """At 1366x900 every entry of the longest menu (an administrator's eight, with the counts of
    what waits) is in view: none hides behind a sideways scroll; the count's word is still read."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="da-DK")
    page = context.new_page()
    try:
        page.goto(f"{live_server}/sprog/{lang}?next=/log-ind/medarbejder")
        page.locator("input[name=email]").fill("karen@fjordby.example")
        page.locator("input[name=password]").fill("minplan-demo")
        page.locator("main button[type=submit]").click()
        page.wait_for_url("**/sagsbehandler/")
        nav = page.evaluate(NAV)
        assert nav["rows"] == 1 and nav["overflow"] <= 0, nav
        links = page.locator("nav.app-nav a")
        assert links.count() == 8
        waiting = "awaiting a decision" if lang == "en" else "afventer afgørelse"
        requests = page.locator("nav.app-nav").get_by_role("link", name=re.compile(waiting))
        assert requests.is_visible()
        assert requests.locator(".app-nav-count-word").bounding_box()["width"] <= 1  # read, not shown
        # A desk page: the content has the page's width, not a phone column in the left half.
        assert page.locator("main").bounding_box()["width"] > 1000
        assert ("For the municipality's staff" if lang == "en" else "For kommunens medarbejdere") in page.inner_text("header")
        screenshot(page, f"layout-menu-administrator-desk-{lang}")
    finally:
        context.close()
