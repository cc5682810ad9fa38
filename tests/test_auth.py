"""Logging in and out: test MitID, caseworker passwords, rate limits, idle timeout."""
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from urllib.parse import unquote

import pytest
import time_machine
from bs4 import BeautifulSoup

from app import clock, create_app, demo
from app.auth import service
from app.db import connect

from .conftest import citizen_id, csrf_token_from, login_caseworker, login_citizen, serving
from .invariants import check_page


def test_citizen_test_login_lists_demo_citizens_marked_as_test(client):
    page = client.get("/log-ind/mitid").get_data(as_text=True)
    assert "Mette Jensen" in page
    assert "010185-XXXX" in page and "0101851234" not in page


def test_citizen_login_and_logout(client, db):
    assert client.get("/min-plan").status_code == 302
    login_citizen(client, db)
    assert client.get("/min-plan").status_code == 200
    response = client.post("/log-af")
    assert response.status_code == 302 and response.headers["Location"].endswith("/log-ind")
    assert client.get("/min-plan").status_code == 302


def test_login_is_audited(client, db):
    login_citizen(client, db)
    row = db.execute("SELECT actor_type, action FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert tuple(row) == ("citizen", "login")


def test_test_login_refused_under_production_config(tmp_path):
    app = create_app({"ENV_NAME": "production", "DEV_LOGIN_ENABLED": True, "SECRET_KEY": "x",
                      "DATABASE": str(tmp_path / "p.sqlite")})
    client = app.test_client()
    assert client.get("/log-ind/mitid").status_code == 404
    assert client.post("/log-ind/mitid", data={"citizen": 1}).status_code in (400, 404)
    assert b"/log-ind/mitid" not in client.get("/log-ind").data


def test_production_config_needs_a_secret_key(tmp_path, monkeypatch):
    from app.config import ProductionConfig
    monkeypatch.setattr(ProductionConfig, "SECRET_KEY", None)
    with pytest.raises(RuntimeError):
        create_app(ProductionConfig)


def test_caseworker_login(client):
    response = login_caseworker(client)
    assert response.status_code == 302 and response.headers["Location"].endswith("/sagsbehandler/")
    assert client.get("/sagsbehandler/").status_code == 200


def test_same_message_for_wrong_user_and_wrong_password(client):
    client.post("/sprog/en")
    wrong_user = login_caseworker(client, email="nobody@fjordby.example")
    wrong_password = login_caseworker(client, password="wrong-password")
    assert wrong_user.status_code == wrong_password.status_code == 401
    message = "The e-mail or the password is wrong."
    assert message in wrong_user.get_data(as_text=True)
    assert message in wrong_password.get_data(as_text=True)


def test_failed_logins_are_rate_limited(client):
    client.post("/sprog/en")
    for _ in range(5):
        assert login_caseworker(client, password="wrong").status_code == 401
    # Now even the right password is refused for a while.
    response = login_caseworker(client)
    assert response.status_code == 429
    assert "Too many failed attempts" in response.get_data(as_text=True)
    # Another account from the same address is not locked by one account's failures.
    assert login_caseworker(client, email="henrik@fjordby.example").status_code == 302


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _post(url: str, form: dict) -> int:
    """One POST on its own connection; the status code, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, data=urllib.parse.urlencode(form).encode(), timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_parallel_wrong_passwords_are_checked_at_most_the_limit(app, monkeypatch):
    """Guesses sent at the same moment, each on its own connection to a real threaded server: the
    failures are booked before the slow password check, so no more than the limit are checked."""
    limit = app.config["LOGIN_MAX_FAILURES"]
    checked = []
    verify = service._verify

    def counting_verify(password_hash, password):
        checked.append(password)
        return verify(password_hash, password)

    monkeypatch.setattr(service, "_verify", counting_verify)
    guesses = 30
    start = threading.Barrier(guesses)

    def guess(n):
        start.wait()
        return _post(f"{url}/log-ind/medarbejder", {"email": "anne@fjordby.example", "password": f"wrong-{n}"})

    with serving(app) as url, ThreadPoolExecutor(guesses) as pool:
        codes = list(pool.map(guess, range(guesses)))
    assert len(checked) == limit
    assert codes.count(401) == limit and codes.count(429) == guesses - limit
    with serving(app) as url:  # the right password too is refused now
        assert _post(f"{url}/log-ind/medarbejder",
                     {"email": "anne@fjordby.example", "password": "minplan-demo"}) == 429


def test_a_right_password_gives_its_booking_back(client, app):
    """Every attempt is booked as a failure before the check; a right password takes the booking
    back, so many good logins from one office address never lock that address."""
    for _ in range(app.config["LOGIN_MAX_FAILURES"] * service.ADDRESS_ROOM):
        assert login_caseworker(client).status_code == 302
        client.post("/log-af")
    assert login_caseworker(client, email="henrik@fjordby.example", password="wrong").status_code == 401


def test_the_lock_out_message_names_the_configured_window(tmp_path):
    from app import demo
    from app.db import connect
    window = timedelta(minutes=20)
    app = create_app({"TESTING": True, "ENV_NAME": "test", "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False,
                      "DATABASE": str(tmp_path / "w.sqlite"), "LOGIN_FAILURE_WINDOW": window})
    db = connect(app.config["DATABASE"])
    demo.load(db)
    db.conn.close()
    client = app.test_client()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        login_caseworker(client, password="wrong")
    minutes = int(window.total_seconds() // 60)
    assert f"Vent {minutes} minutter" in login_caseworker(client).get_data(as_text=True)
    client.post("/sprog/en")
    assert f"Wait {minutes} minutes" in login_caseworker(client).get_data(as_text=True)


def test_rate_limit_lifts_after_the_window(client):
    with time_machine.travel(clock.now(), tick=False) as traveller:
        for _ in range(5):
            login_caseworker(client, password="wrong")
        assert login_caseworker(client).status_code == 429
        traveller.shift(timedelta(minutes=16))
        assert login_caseworker(client).status_code == 302


def test_session_ends_after_30_minutes_idle(client, db):
    with time_machine.travel(clock.now(), tick=False) as traveller:
        login_citizen(client, db)
        traveller.shift(timedelta(minutes=29))
        assert client.get("/min-plan").status_code == 200  # activity renews
        traveller.shift(timedelta(minutes=29))
        assert client.get("/min-plan").status_code == 200
        traveller.shift(timedelta(minutes=31))
        response = client.get("/min-plan")
        assert response.status_code == 302 and "/log-ind" in response.headers["Location"]
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert "30 minutter" in page  # Danish, the default
        assert client.get("/min-plan").status_code == 302


def test_keep_alive_renews_the_session(client, db):
    with time_machine.travel(clock.now(), tick=False) as traveller:
        login_citizen(client, db)
        traveller.shift(timedelta(minutes=26))
        assert client.post("/session/forny").get_json()["ok"] is True
        traveller.shift(timedelta(minutes=26))
        assert client.get("/min-plan").status_code == 200


def test_pages_carry_the_timeout_warning_settings(client, db):
    login_citizen(client, db)
    page = client.get("/min-plan").get_data(as_text=True)
    assert 'data-idle-seconds="1800"' in page and 'data-warning-seconds="300"' in page
    assert 'id="session-timeout"' in page


def test_login_redirects_only_to_this_site(client, db):
    response = client.post("/log-ind/mitid?next=https://evil.example/", data={"citizen": citizen_id(db, "Mette Jensen")})
    assert response.headers["Location"] == "/min-plan"
    client.post("/log-af")
    response = client.post("/log-ind/mitid?next=/tilgaengelighed", data={"citizen": citizen_id(db, "Mette Jensen")})
    assert response.headers["Location"] == "/tilgaengelighed"


@pytest.mark.parametrize("target", ["/%0d%0aX:y", "/%0aSet-Cookie:x=1", "/%09/evil.example", "/%00",
                                    "/%5Cevil.example", "/%5C%5Cevil.example", "/\\evil.example", "/x%7F"])
def test_next_with_a_control_character_or_backslash_falls_back_to_the_default(client, db, target):
    for send in (client.get, client.post):
        response = send(f"/sprog/da?next={target}")
        assert response.status_code == 302 and response.headers["Location"] == "/min-plan"
    response = client.post("/sprog/da", data={"next": unquote(target)})
    assert response.status_code == 302 and response.headers["Location"] == "/min-plan"
    response = client.post(f"/log-ind/medarbejder?next={target}",
                           data={"email": "anne@fjordby.example", "password": demo.DEMO_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/sagsbehandler/"
    client.post("/log-af")
    response = client.post(f"/log-ind/mitid?next={target}", data={"citizen": citizen_id(db, "Mette Jensen")})
    assert response.status_code == 302 and response.headers["Location"] == "/min-plan"


def test_next_keeps_an_ordinary_path_with_a_query(client, db):
    response = client.post("/sprog/da?next=/sagsbehandler/borgere%3Fq%3D%C3%85se%26side%3D2")
    assert response.headers["Location"] == "/sagsbehandler/borgere?q=%C3%85se&side=2"


def test_language_is_chosen_and_remembered(client, db):
    assert 'lang="da"' in client.get("/log-ind").get_data(as_text=True)
    response = client.get("/sprog/en?next=/log-ind")  # a GET still shows the pages in English
    assert "minplan_lang=en" in response.headers["Set-Cookie"]
    assert 'lang="en"' in client.get("/log-ind").get_data(as_text=True)
    login_citizen(client, db)  # the choice survives logging in
    assert 'lang="en"' in client.get("/min-plan").get_data(as_text=True)
    assert client.post("/sprog/de").status_code == 404


def test_a_citizens_footer_language_choice_is_saved_for_messages(client, db):
    login_citizen(client, db, "Mette Jensen")
    response = client.post("/sprog/en", data={"next": "/min-plan"})
    assert response.status_code == 302 and response.headers["Location"] == "/min-plan"
    row = db.execute("SELECT preferred_language FROM citizens WHERE name = 'Mette Jensen'").fetchone()
    assert row[0] == "en"
    entry = db.execute("SELECT action, before, after FROM audit_log ORDER BY id DESC").fetchone()
    assert entry["action"] == "set_language" and '"en"' in entry["after"]


def test_a_get_changes_only_how_the_pages_are_shown_never_the_database(client, db):
    login_citizen(client, db, "Mette Jensen")
    audit_before = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    response = client.get("/sprog/en?next=/min-plan")
    assert response.status_code == 302 and "minplan_lang=en" in response.headers["Set-Cookie"]
    assert 'lang="en"' in client.get("/min-plan").get_data(as_text=True)
    row = db.execute("SELECT preferred_language FROM citizens WHERE name = 'Mette Jensen'").fetchone()
    assert row[0] == "da"
    assert db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == audit_before


def test_the_footer_switcher_is_a_post_form_to_the_same_page(client, db):
    login_citizen(client, db, "Mette Jensen")
    soup = BeautifulSoup(client.get("/joblog?kind=advertised").data, "html.parser")
    switcher = soup.select_one(".language-switcher")
    assert not switcher.find("a")
    form = switcher.find("form")
    assert form["method"] == "post" and form["action"] == "/sprog/en"
    assert form.find("input", attrs={"name": "next"})["value"] == "/joblog?kind=advertised"
    assert form.find("input", attrs={"name": "csrf_token"}) is not None
    assert form.find("button", attrs={"type": "submit"}).get_text(strip=True) == "English"
    assert switcher.select_one('[aria-current="true"]').get_text(strip=True) == "Dansk"


def test_the_language_post_needs_its_csrf_token(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "s", "DATABASE": str(tmp_path / "c.sqlite")})
    db = connect(app.config["DATABASE"])
    demo.load(db)
    client = app.test_client()
    token = csrf_token_from(client.get("/log-ind/mitid").data)
    client.post("/log-ind/mitid", data={"citizen": citizen_id(db, "Mette Jensen"), "csrf_token": token})
    assert client.post("/sprog/en", data={"next": "/min-plan"}).status_code == 400
    assert db.execute("SELECT preferred_language FROM citizens WHERE name = 'Mette Jensen'").fetchone()[0] == "da"
    token = csrf_token_from(client.get("/min-plan").data)
    assert client.post("/sprog/en", data={"next": "/min-plan", "csrf_token": token}).status_code == 302
    assert db.execute("SELECT preferred_language FROM citizens WHERE name = 'Mette Jensen'").fetchone()[0] == "en"
    db.conn.close()


def _add_citizens(db, count: int, name: str = "Bench Borger") -> None:
    municipality = db.execute("SELECT id FROM municipalities ORDER BY id LIMIT 1").fetchone()[0]
    db.conn.execute("BEGIN")
    db.conn.executemany(
        "INSERT INTO citizens (municipality_id, cpr, name, target_group, group_since, created_at, updated_at)"
        " VALUES (?, ?, ?, 'dagpenge', '2026-01-01', 'x', 'x')",
        [(municipality, f"{9000000000 + i}", f"{name} {i:06d}") for i in range(count)])
    db.conn.execute("COMMIT")


def _radios(html: str) -> list[str]:
    import re
    return re.findall(r'<label class="form-label" for="citizen-\d+">([^<]+)</label>', html)


def test_test_login_shows_the_demo_citizens_not_the_whole_municipality(client, db):
    from app import demo
    _add_citizens(db, 100_000)
    response = client.get("/log-ind/mitid")
    page = response.get_data(as_text=True)
    check_page(page, "da")
    assert sorted(_radios(page)) == sorted(c[2] for c in demo.CITIZENS)
    assert "Bench Borger" not in page
    assert len(response.data) < 40_000  # one page, whatever the size of the municipality
    assert 'method="get"' in page and 'name="q"' in page


def test_test_login_demo_list_is_capped(client, db, monkeypatch):
    from app.auth import views
    monkeypatch.setattr(views, "DEV_LOGIN_PAGE_SIZE", 5)
    assert len(_radios(client.get("/log-ind/mitid").get_data(as_text=True))) == 5


def test_test_login_searches_by_name_twenty_at_a_time(client, db):
    _add_citizens(db, 45)
    client.get("/sprog/en")
    first = client.get("/log-ind/mitid?q=bench+borger").get_data(as_text=True)
    check_page(first, "en")
    assert "45 citizens found." in first
    assert _radios(first) == [f"Bench Borger {i:06d}" for i in range(20)]
    assert "Page 1 of 3" in first and "Next page" in first and "Previous page" not in first
    last = client.get("/log-ind/mitid?q=bench+borger&side=3").get_data(as_text=True)
    assert _radios(last) == [f"Bench Borger {i:06d}" for i in range(40, 45)]
    assert "Previous page" in last and "Next page" not in last
    none = client.get("/log-ind/mitid?q=%25").get_data(as_text=True)  # % is a character, not a wildcard
    assert "0 citizens found." in none and "No citizens match the search." in none and not _radios(none)


def test_test_login_from_a_search_result_page(client, db):
    _add_citizens(db, 45)
    wanted = db.execute("SELECT id FROM citizens WHERE name = 'Bench Borger 000033'").fetchone()[0]
    page = client.get("/log-ind/mitid?q=Borger+0000&side=2").get_data(as_text=True)
    assert f'value="{wanted}"' in page
    assert 'action="/log-ind/mitid?q=Borger+0000&amp;side=2"' in page
    response = client.post("/log-ind/mitid?q=Borger+0000&side=2", data={"citizen": wanted})
    assert response.status_code == 302 and response.headers["Location"].endswith("/min-plan")
    assert "Bench Borger 000033" in client.get("/min-plan").get_data(as_text=True)


def test_test_login_refuses_an_unknown_citizen(client, db):
    assert client.post("/log-ind/mitid", data={"citizen": 999_999}).status_code == 400
    client.get("/sprog/en")
    nothing_chosen = client.post("/log-ind/mitid", data={})
    assert nothing_chosen.status_code == 200
    assert "Choose the citizen you want to log in as" in nothing_chosen.get_data(as_text=True)
