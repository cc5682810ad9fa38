"""CSRF, headers, data separation, and no CPR number in URLs, pages or logs; no e-mail address
or phone number in logs."""
import http.cookiejar
import logging
import re
import urllib.parse
import urllib.request

from app import create_app, demo
from app.security import mask_cpr, mask_personal_data

from .conftest import citizen_id, csrf_token_from, login_caseworker, login_citizen, serving

ALL_CPRS = [c[1] for c in demo.CITIZENS]


def test_every_form_needs_a_csrf_token(csrf_app):
    client = csrf_app.test_client()
    assert client.post("/log-ind/mitid", data={"citizen": 1}).status_code == 400
    assert client.post("/log-ind/medarbejder", data={"email": "anne@fjordby.example",
                                                      "password": demo.DEMO_PASSWORD}).status_code == 400
    token = csrf_token_from(client.get("/log-ind/medarbejder").data)
    response = client.post("/log-ind/medarbejder", data={"email": "anne@fjordby.example",
                                                          "password": demo.DEMO_PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    assert client.post("/sagsbehandler/borger/1/krav-til-jobsoegning", data={"count": "3"}).status_code == 400
    assert client.post("/log-af").status_code == 400
    assert client.post("/session/forny").status_code == 400


def test_every_rendered_form_carries_a_token(csrf_app):
    client = csrf_app.test_client()
    for url in ("/log-ind/mitid", "/log-ind/medarbejder"):
        page = client.get(url).get_data(as_text=True)
        # Every form that changes something (POST) carries a token; GET search forms need none.
        assert len(re.findall(r'<form[^>]*method="post"', page)) == page.count('name="csrf_token"'), url
        assert page.count("<form") == len(re.findall(r'<form[^>]*method="(?:post|get)"', page)), url


def test_security_headers(client, db):
    response = client.get("/log-ind")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" not in response.headers  # development/test
    login_citizen(client, db)
    assert client.get("/min-plan").headers["Cache-Control"] == "no-store"


def test_no_inline_script_or_style_in_pages(client, db):
    login_citizen(client, db)
    for url in ("/log-ind", "/min-plan", "/min-plan/udskriv"):
        page = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), url
        assert " style=" not in page and "<style" not in page, url
        assert not re.search(r"\son[a-z]+=", page), url


def test_production_sets_hsts_and_secure_cookies(tmp_path):
    app = create_app({"ENV_NAME": "production", "SECURE_HEADERS_STRICT": True, "SESSION_COOKIE_SECURE": True,
                      "DEV_LOGIN_ENABLED": False, "SECRET_KEY": "x", "DATABASE": str(tmp_path / "p.sqlite")})
    response = app.test_client().get("/log-ind")
    assert "max-age=" in response.headers["Strict-Transport-Security"]
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]


def test_citizen_cannot_reach_caseworker_pages(client, db):
    login_citizen(client, db)
    assert client.get("/sagsbehandler/").status_code == 403
    assert client.get(f"/sagsbehandler/borger/{citizen_id(db, 'Mette Jensen')}").status_code == 403


def test_citizen_sees_only_their_own_plan(client, db):
    login_citizen(client, db, "Mette Jensen")
    page = client.get("/min-plan").get_data(as_text=True)
    assert "Mette Jensen" in page and "Lagermedarbejder" in page
    for other in ("Ali Hassan", "Kok eller køkkenassistent", "Bo Berg", "Maskinarbejder"):
        assert other not in page


def test_caseworker_sees_only_their_municipality(client, db):
    login_caseworker(client)
    listing = client.get("/sagsbehandler/borgere").get_data(as_text=True)
    assert "Mette Jensen" in listing and "Bo Berg" not in listing
    assert "Bo Berg" not in client.get("/sagsbehandler/borgere?q=Bo").get_data(as_text=True)
    bo = citizen_id(db, "Bo Berg")
    assert client.get(f"/sagsbehandler/borger/{bo}").status_code == 404
    assert client.post(f"/sagsbehandler/borger/{bo}/krav-til-jobsoegning", data={"count": "9"}).status_code == 404
    assert db.execute("SELECT COUNT(*) FROM joblog_requirements WHERE citizen_id = ?", [bo]).fetchone()[0] == 0


def test_no_cpr_number_in_any_page_url_or_log(client, db, caplog):
    caplog.set_level(logging.DEBUG)
    seen = []
    login_caseworker(client)
    for url in ["/sagsbehandler/", "/sagsbehandler/borgere"] + [f"/sagsbehandler/borger/{i}" for i in range(1, 12)]:
        response = client.get(url)
        seen.append(response.get_data(as_text=True))
        seen.extend(re.findall(r'href="([^"]+)"', seen[-1]))
    client.post("/log-af")
    for name in ("Mette Jensen", "Hanne Larsen"):
        login_citizen(client, db, name)
        for url in ("/min-plan", "/min-plan/udskriv"):
            seen.append(client.get(url).get_data(as_text=True))
        client.post("/log-af")
    seen.append(client.get("/log-ind/mitid").get_data(as_text=True))
    blob = "\n".join(seen) + caplog.text
    for cpr in ALL_CPRS:
        assert cpr not in blob and f"{cpr[:6]}-{cpr[6:]}" not in blob


def test_log_filter_masks_cpr_numbers(app, caplog):
    caplog.set_level(logging.INFO)
    app.logger.info("lookup for %s failed", "0101851234")
    assert "0101851234" not in caplog.text and "010185-XXXX" in caplog.text
    assert mask_cpr("ring 12345678 eller cpr 010185-1234") == "ring 12345678 eller cpr 010185-XXXX"


SEARCHES = {  # what a caseworker types: how each must never appear in a log
    "anne.holm+job@example.dk": ["anne.holm", "example.dk"],
    "12 34 56 78": ["12 34 56 78", "12+34+56+78", "12%2034%2056%2078"],
    "+45 23456789": ["23456789"],
    "34567890": ["34567890"],
}


def test_searches_by_e_mail_or_phone_are_not_logged(app, caplog):
    """The caseworker's citizen search on a real server: the access log has every request, and
    none of the e-mail addresses or phone numbers searched for."""
    caplog.set_level(logging.INFO)
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with serving(app) as url:
        login = urllib.parse.urlencode({"email": "anne@fjordby.example", "password": demo.DEMO_PASSWORD})
        with browser.open(f"{url}/log-ind/medarbejder", data=login.encode(), timeout=30) as response:
            assert response.url.endswith("/sagsbehandler/")
        for text in SEARCHES:
            with browser.open(f"{url}/sagsbehandler/borgere?{urllib.parse.urlencode({'q': text})}", timeout=30) as response:
                assert response.status == 200
    requests = [r.getMessage() for r in caplog.records if r.name == "werkzeug" and "/sagsbehandler/borgere" in r.getMessage()]
    assert len(requests) == len(SEARCHES)  # the searches were logged ...
    log = caplog.text
    for text, forms in SEARCHES.items():  # ... without what was searched for
        for form in forms:
            assert form not in log, form
    assert log.count("q=[e-mail]") == 1 and log.count("q=[phone]") == 3


def test_the_log_filter_masks_e_mail_and_phone_in_any_log(app, caplog):
    caplog.set_level(logging.INFO)
    app.logger.info("reply to %s or call %s", "mette@example.com", "+45 12 34 56 78")
    logging.getLogger("gunicorn.access").info('"GET /sagsbehandler/borgere?q=%s HTTP/1.1" 200', "mette%40example.com")
    assert "mette" not in caplog.text and "12 34 56 78" not in caplog.text
    assert caplog.text.count("[e-mail]") == 2 and "[phone]" in caplog.text
    # What is not personal stays readable: dates, times, addresses of machines, ids.
    kept = "2026-12-07T09:00:00Z from 10.12.34.56 at [17/Nov/2026 09:40:00] key conv:12:1d:email"
    assert mask_personal_data(kept) == kept


def test_a_request_larger_than_the_limit_gets_the_413_page_in_the_users_language(app, csrf_app, db):
    limit = app.config["MAX_CONTENT_LENGTH"]
    assert limit and csrf_app.config["MAX_CONTENT_LENGTH"] == limit
    too_much = {"employer": "x" * (limit + 1)}
    client = app.test_client()
    login_citizen(client, db, "Emma Holm")
    response = client.post("/joblog/ny", data=too_much)
    page = response.get_data(as_text=True)
    assert response.status_code == 413 and "Det, du har sendt, er for stort" in page and 'lang="da"' in page
    client.post("/sprog/en?next=/log-ind")
    page = client.post("/joblog/ny", data=too_much).get_data(as_text=True)
    assert "What you sent is too large" in page and 'lang="en"' in page
    # Before the CSRF check has read the form, too.
    assert csrf_app.test_client().post("/log-ind/medarbejder", data=too_much).status_code == 413
    # Just under the limit is an ordinary (here: failed) form.
    assert client.post("/joblog/ny", data={"employer": "x" * (limit - 1000)}).status_code == 400
