"""Every page a citizen reaches from Min Plan by links, for layout checks at phone widths."""
import re
from urllib.parse import urljoin, urlsplit

# Not pages: downloads, the language switch (a POST anyway), logging out.
SKIP = (".ics", ".csv", ".json", "/sprog/", "/log-af", "/udskriv")

# What scrolls sideways (and what makes it), list cards without padding, buttons touching.
OVERFLOW = """() => {
  const root = document.scrollingElement, width = root.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width && r.right > width + 0.5 && !e.closest('.app-nav-list, .table--responsive-scroll');
  }).slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().right));
  const cards = [...document.querySelectorAll('.app-card, .app-entry')].filter(e => {
    const s = getComputedStyle(e);
    return parseFloat(s.paddingLeft) < 12 || parseFloat(s.paddingRight) < 12;
  }).length;
  const buttons = [...document.querySelectorAll('main .button, main button, main a.app-slot')].filter(e => e.getClientRects().length);
  const touching = [];
  for (let i = 0; i < buttons.length; i++) for (let j = i + 1; j < buttons.length; j++) {
    const a = buttons[i].getBoundingClientRect(), b = buttons[j].getBoundingClientRect();
    const dx = Math.max(b.left - a.right, a.left - b.right), dy = Math.max(b.top - a.bottom, a.top - b.bottom);
    if (Math.max(dx, dy) < 8) touching.push((buttons[i].innerText || '').trim().slice(0, 30) + ' | ' + (buttons[j].innerText || '').trim().slice(0, 30) + ' ' + Math.round(Math.max(dx, dy)));
  }
  // A button right under a field (or a paragraph) needs room above it, not the 8 px of a line.
  for (const button of buttons.filter(e => e.classList.contains('button'))) {
    const before = button.previousElementSibling;
    if (!before || !before.getClientRects().length || getComputedStyle(before).display === 'none'
        || before.matches('.button, button')) continue;
    const a = before.getBoundingClientRect(), b = button.getBoundingClientRect();
    if (b.top >= a.bottom - 1 && b.top - a.bottom < 16) touching.push((button.innerText || '').trim().slice(0, 30) + ' under ' + before.tagName.toLowerCase() + '.' + before.className + ' ' + Math.round(b.top - a.bottom));
  }
  // Text that runs out of its box (a long link in a card) scrolls the page without a wide box.
  const spill = [...document.querySelectorAll('main *')].filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth
    && getComputedStyle(e).overflowX === 'visible' && !e.closest('.table--responsive-scroll')).slice(0, 3)
    .map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' + e.scrollWidth + '>' + e.clientWidth);
  return {scroll: root.scrollWidth, client: width, wide: wide.concat(spill), cards, buttons: touching.slice(0, 5)};
}"""


def log_in(page, base, name, lang="da"):
    page.goto(f"{base}/sprog/{lang}?next=/log-ind/mitid")
    page.get_by_label(name).check()
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url("**/min-plan")


def crawl(page, base, name, widths=(320, 390), limit=60, lang="da"):
    """Log in as `name`, then visit every page linked from the menu and the pages linked from
    those (two levels), each measured at every width; yields (path, {width: measurement}). One
    page of each kind: /samtaler/6/flyt/12 stands for every free time's page."""
    log_in(page, base, name, lang)
    seen, queue = set(), [("/min-plan", 0)]
    while queue and len(seen) < limit:
        path, depth = queue.pop(0)
        kind = re.sub(r"\d+", "N", path)
        if kind in seen:
            continue
        seen.add(kind)
        response = page.goto(base + path)
        assert response is not None and response.status < 500, (path, response and response.status)
        results = {}
        for width in widths:
            page.set_viewport_size({"width": width, "height": 800})
            results[width] = page.evaluate(OVERFLOW)
        yield path, results
        if depth >= 2:
            continue
        for href in page.eval_on_selector_all("header a[href], main a[href]", "els => els.map(e => e.getAttribute('href'))"):
            target = urlsplit(urljoin(base + path, href))
            if target.netloc != urlsplit(base).netloc or any(s in target.path for s in SKIP):
                continue
            link = target.path + (f"?{target.query}" if target.query else "")
            if re.sub(r"\d+", "N", link) not in seen:
                queue.append((link, depth + 1))
