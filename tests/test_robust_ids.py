"""Ids and page numbers beyond SQLite's integer: every `<int:...>` route answers 404 (the
converter refuses the number), and ?side= is held within range; never a 500."""
import re

import pytest

from app.urls import SQLITE_INTEGER_MAX, IdConverter

from .conftest import login_caseworker, login_citizen

TOO_BIG = ["99999999999999999999", str(SQLITE_INTEGER_MAX + 1), "9" * 5000]


def _int_routes(app):
    return [rule for rule in app.url_map.iter_rules()
            if any(isinstance(c, IdConverter) for c in rule._converters.values())]


def test_every_int_argument_goes_through_the_id_converter(app):
    rules = [r for r in app.url_map.iter_rules() if "<int:" in r.rule]
    assert rules, "no <int:> routes found"
    for rule in rules:
        for name, converter in rule._converters.items():
            if f"<int:{name}>" in rule.rule:
                assert isinstance(converter, IdConverter), rule.rule


def _who(rule) -> str:
    if rule.rule.startswith("/sagsbehandler"):
        return "caseworker"
    return "sick" if rule.rule.startswith("/opfoelgning") else "citizen"


@pytest.mark.parametrize("who", ["citizen", "sick", "caseworker"])
def test_an_id_beyond_the_database_integer_is_not_found(app, db, who):
    client = app.test_client()
    if who == "caseworker":
        login_caseworker(client)
    else:
        login_citizen(client, db, "Hanne Larsen" if who == "sick" else "Mette Jensen")
    rules = [r for r in _int_routes(app) if _who(r) == who]
    assert rules
    for rule in rules:
        for big in TOO_BIG:
            url = re.sub(r"<int:[a-z_]+>", big, rule.rule)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                response = client.open(url, method=method, data={"submit": "1"})
                assert response.status_code == 404, (method, url[:120], response.status_code)


def test_the_largest_id_is_still_looked_up(app, db):
    client = app.test_client()
    login_caseworker(client)
    assert client.get(f"/sagsbehandler/borger/{SQLITE_INTEGER_MAX}").status_code == 404


@pytest.mark.parametrize("who,url", [("caseworker", "/sagsbehandler/borgere"),
                                     ("caseworker", "/sagsbehandler/joblog"),
                                     ("citizen", "/beskeder")])
def test_a_huge_or_odd_page_number_shows_a_page(app, db, who, url):
    client = app.test_client()
    if who == "caseworker":
        login_caseworker(client)
    else:
        login_citizen(client, db)
    for side in TOO_BIG + ["-5", "0", "abc", "1e9", "٣", ""]:
        response = client.get(url, query_string={"side": side})
        assert response.status_code == 200, (url, side[:30])
