"""A live server on loopback and Debian's chromium driven by Playwright, with axe-core."""
import shutil
from pathlib import Path

import pytest

from app import create_app, demo
from app.db import connect

from ..conftest import serving

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "static" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("live") / "live.sqlite"
    app = create_app({"TESTING": True, "ENV_NAME": "test", "SECRET_KEY": "browser-test",
                      "DATABASE": str(path)})
    db = connect(str(path))
    demo.load(db)
    db.conn.close()
    with serving(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # bypass_csp only so the test can inject axe-core; the app's own CSP is tested elsewhere.
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True, locale="da-DK")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core for WCAG 2.1 A and AA on the current page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


def screenshot(page, name: str):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
