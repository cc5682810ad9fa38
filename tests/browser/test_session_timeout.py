"""The DKFDS session-timeout pattern in a real browser: a warning before the idle limit,
'Stay logged in' renews the session, and after the limit the user is logged out and told why."""
from datetime import timedelta

import pytest

from app import create_app, demo
from app.db import connect

from ..conftest import serving
from .conftest import axe_violations


@pytest.fixture(scope="module")
def short_idle_server(tmp_path_factory):
    path = tmp_path_factory.mktemp("idle") / "idle.sqlite"
    app = create_app({"TESTING": True, "ENV_NAME": "test", "SECRET_KEY": "idle-test", "DATABASE": str(path),
                      "IDLE_TIMEOUT": timedelta(seconds=6), "IDLE_WARNING": timedelta(seconds=4)})
    db = connect(str(path))
    demo.load(db)
    db.conn.close()
    with serving(app) as url:
        yield url


def test_warning_then_stay_then_timeout(short_idle_server, page):
    page.goto(f"{short_idle_server}/sprog/en?next=/log-ind/mitid")
    page.get_by_label("Mette Jensen").check()
    page.get_by_role("button", name="Log in as test citizen").click()
    page.wait_for_url("**/min-plan")

    dialog = page.get_by_role("dialog", name="You will soon be logged out")
    dialog.wait_for(state="visible", timeout=5000)  # 6 s limit - 4 s warning = after 2 s
    assert page.locator("#session-stay").evaluate("el => el === document.activeElement")
    assert axe_violations(page) == []

    with page.expect_response("**/session/forny") as renewal:
        page.get_by_role("button", name="Stay logged in").click()
    assert renewal.value.status == 200
    dialog.wait_for(state="hidden", timeout=2000)

    # Idle past the limit: the page reloads itself and the server has ended the session.
    page.wait_for_url("**/log-ind", timeout=15000)
    assert "You were logged out because you had not been active" in page.locator("main").inner_text()
    page.goto(f"{short_idle_server}/min-plan")
    assert "/log-ind" in page.url
