"""The page-invariants check, run on every page for every kind of visitor, in both languages."""
import pytest

from .conftest import login_caseworker, login_citizen
from .invariants import check_page

PUBLIC = ["/log-ind", "/log-ind/mitid", "/log-ind/medarbejder", "/tilgaengelighed", "/privatliv", "/kontakt"]
CITIZEN = ["/min-plan", "/min-plan/udskriv", "/tilgaengelighed", "/kontakt"]


def _set_locale(client, locale):
    response = client.post(f"/sprog/{locale}?next=/log-ind")
    assert response.status_code == 302


@pytest.mark.parametrize("locale", ["da", "en"])
def test_public_pages(client, locale):
    _set_locale(client, locale)
    for url in PUBLIC:
        response = client.get(url)
        assert response.status_code == 200, url
        check_page(response.data, locale)


@pytest.mark.parametrize("locale", ["da", "en"])
def test_every_citizen_sees_valid_pages(client, db, locale):
    """One citizen from every target group (and the empty plan)."""
    names = [row[0] for row in db.execute("SELECT name FROM citizens ORDER BY id")]
    for name in names:
        client.cookie_jar.clear() if hasattr(client, "cookie_jar") else None
        login_citizen(client, db, name)
        _set_locale(client, locale)
        for url in CITIZEN:
            response = client.get(url)
            assert response.status_code == 200, (name, url)
            check_page(response.data, locale)


@pytest.mark.parametrize("locale", ["da", "en"])
def test_caseworker_pages(client, db, locale):
    login_caseworker(client)
    _set_locale(client, locale)
    for url in ("/sagsbehandler/", "/sagsbehandler/borgere", "/sagsbehandler/borgere?q=jens&group=dagpenge",
                "/sagsbehandler/borgere?q=findes-ikke"):
        response = client.get(url)
        assert response.status_code == 200, url
        check_page(response.data, locale)
    ids = [row[0] for row in db.execute(
        "SELECT c.id FROM citizens c JOIN municipalities m ON m.id = c.municipality_id WHERE m.code = '901'")]
    for citizen_id in ids:
        response = client.get(f"/sagsbehandler/borger/{citizen_id}")
        assert response.status_code == 200
        check_page(response.data, locale)
    # A form that failed validation is a page too.
    response = client.post(f"/sagsbehandler/borger/{ids[0]}/krav-til-jobsoegning", data={"count": "x"})
    assert response.status_code == 400
    check_page(response.data, locale)


@pytest.mark.parametrize("locale", ["da", "en"])
def test_error_pages(client, db, locale):
    _set_locale(client, locale)
    response = client.get("/findes-ikke")
    assert response.status_code == 404
    check_page(response.data, locale)
    login_citizen(client, db)
    response = client.get("/sagsbehandler/")
    assert response.status_code == 403
    check_page(response.data, locale)
    response = client.post("/log-ind/medarbejder", data={"email": "not-an-email", "password": ""})
    check_page(response.data, locale)


@pytest.mark.parametrize("locale, prefix", [("da", "Fejl: "), ("en", "Error: ")])
def test_error_pages_say_error_first_in_the_window_title(app, client, locale, prefix):
    import re
    from flask import render_template
    _set_locale(client, locale)
    titles = {}
    titles[404] = client.get("/findes-ikke")
    titles[405] = client.post("/kontakt")
    for code, response in titles.items():
        assert response.status_code == code
        title = re.search(r"<title>([^<]*)</title>", response.get_data(as_text=True)).group(1)
        assert title.startswith(prefix) and title.endswith(" – Min Plan"), title
        assert title != f"{prefix} – Min Plan"  # the page's own heading follows
    # Every error page, as its handler renders it.
    for code in (400, 403, 404, 405, 413, 429, 500):
        with app.test_request_context("/"):
            from flask import session
            session["lang"] = locale
            html = render_template(f"errors/{code}.html")
        title = re.search(r"<title>([^<]*)</title>", html).group(1)
        h1 = re.search(r"<h1>([^<]*)</h1>", html).group(1).strip()
        assert title == f"{prefix}{h1} – Min Plan", (code, title)
    # An ordinary page does not.
    assert not re.search(r"<title>(Fejl|Error):", client.get("/kontakt").get_data(as_text=True))
