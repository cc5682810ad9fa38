"""Property-based: generated values (over-long, control characters, bidi, emoji, odd dates and
numbers) posted to every form and sent as every query parameter of every page, as a citizen (in
Danish) and a caseworker (in English). The forms and parameters are found by GET-ing every route
of app.url_map and parsing its <form>s, so a new page is covered without listing it.

Never a 500; the page is in the user's language with the app's own messages (no WTForms default
text); a refused form says what is wrong and writes nothing; what is accepted is stored clean.

Short by default (MINPLAN_HYPOTHESIS=default); MINPLAN_HYPOTHESIS=long runs many more examples."""
import os
import re
import sqlite3
import urllib.parse
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.idempotency import new_key

from .conftest import citizen_id, login_caseworker, login_citizen
from .test_access_matrix import CITIZENS, _area, _objects, routes, url_for_rule
from .test_form_messages import english_wtforms_text
from .test_hostile_input import HOSTILE, _content, _dirty_text, _version
from .webforms import page_forms

settings.register_profile("default", max_examples=60, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("MINPLAN_HYPOTHESIS", "default"))

BIDI = ["\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u061c"]
EMOJI = ["😀", "👩🏽‍💻", "🇩🇰", "\u200d", "\ufe0f", "e\u0301", "﷽"]
CONTROLS = [chr(c) for c in (*range(0x00, 0x20), 0x7F, 0x85, 0xA0)]

VALUES = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),                                                    # any character at all
    st.lists(st.sampled_from(CONTROLS + BIDI + EMOJI + ["a", "ø", "ب", " "]), max_size=30).map("".join),
    st.integers(min_value=200, max_value=20000).map(lambda n: "æ" * n),      # over-long
    st.integers(min_value=-(2 ** 80), max_value=2 ** 80).map(str),          # beyond SQLite's integer
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(lambda d: d.strftime("%d-%m-%Y")),
    st.from_regex(r"\A\d{1,4}-\d{1,2}-\d{1,2}( \d{1,2}:\d{2})?\Z"),          # odd dates and times
)

# Parameters any page may read, beside those its GET forms name.
COMMON_PARAMETERS = ("next", "side", "uge", "q", "til")
# Forms that change who is logged in (they have tests of their own).
NOT_HERE = ("/log-ind",)
# Written by every request of a logged-in user, or by a failed login, whatever the form did.
NOT_THE_FORMS = ("sessions", "login_attempts")  # and the caseworker indexes, left out by _content


def _discover(client, objects: dict, app) -> list[tuple[str, str, dict, str]]:
    """(method, url, the form's values as a browser would send them, the field to vary)."""
    found = []
    for rule in routes(app):
        if "GET" not in rule.methods:
            continue
        try:
            url = url_for_rule(rule, objects[_area(rule.rule)])
        except AssertionError:
            continue  # no such object for this user
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        html = response.get_data(as_text=True)
        for action, fields, _form in page_forms(html, "post"):
            target = action or url
            if target.startswith(NOT_HERE):
                continue
            for name in fields:
                if name != "csrf_token":
                    found.append(("POST", target, fields, name))
        names = set(COMMON_PARAMETERS)
        for action, fields, _form in page_forms(html, "get"):
            names |= set(fields)
        for link in re.findall(r'href="([^"#]*\?[^"#]*)"', html):
            names |= set(urllib.parse.parse_qs(urllib.parse.urlsplit(link).query.replace("&amp;", "&")))
        found += [("GET", url, {}, name) for name in sorted(names)]
    return found


def _says_what_is_wrong(html: str) -> bool:
    return "form-error-message" in html or "alert-error" in html or 'class="alert alert-warning"' in html


def _run(app, db, client, language: str):
    with app.app_context():  # the matrix's objects include an attachment's file where the app keeps them
        objects = {area: _objects(db, citizen_id(db, names[0])) for area, names in CITIZENS.items()}
    targets = _discover(client, objects, app)
    assert len({t[1] for t in targets if t[0] == "POST"}) >= 5, targets  # forms were found
    pristine = sqlite3.connect(":memory:")
    db.conn.backup(pristine)
    watcher = sqlite3.connect(app.config["DATABASE"])
    as_it_was = _content_of_forms(watcher)

    @given(target=st.sampled_from(targets), value=VALUES)
    def check(target, value):
        before = _version(watcher)
        try:
            _one(target, value)
        finally:
            if _version(watcher) != before:
                pristine.backup(db.conn)  # the next value meets the forms (and the session) as they were

    def _one(target, value):
        method, url, fields, name = target
        before = _version(watcher)
        data = {}
        if method == "GET":
            response = client.get(url, query_string={name: value})
        else:
            data = {**fields, name: value}
            if "submission_key" in fields and name != "submission_key":
                data["submission_key"] = new_key()
            response = client.post(url, data=data)
        status = response.status_code
        where = (method, url, name, value[:40], status)
        assert status < 500, where
        page = "text/html" in (response.content_type or "") and not 300 <= status < 400
        html = response.get_data(as_text=True) if page else ""
        if html:
            assert f'lang="{language}"' in html, where
            assert english_wtforms_text(html) == [] if language == "da" else True, where
            assert "<script>alert(1)</script>" not in html, where
        wrote = _version(watcher) != before and _content_of_forms(watcher) != as_it_was
        if method == "POST" and status != 302:
            changed = [t for (t, rows), (_t, old) in zip(_content_of_forms(watcher), as_it_was) if rows != old]
            assert not wrote, f"a refused form wrote to the database: {where}: {changed}"
            text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
            assert _says_what_is_wrong(html) or status >= 400, (where, {k: v[:40] for k, v in data.items()}, text[:1500])
            if status >= 400:
                assert "<h1" in html, where  # the app's own error page, not a bare answer
        if wrote:
            assert _dirty_text(watcher) == [], where

    try:
        check()
    finally:
        watcher.close()
        pristine.close()


def _content_of_forms(conn):
    return [(table, rows) for table, rows in _content(conn) if table not in NOT_THE_FORMS]


def test_generated_values_in_every_form_and_parameter_as_a_citizen(app, db):
    client = app.test_client()
    login_citizen(client, db, CITIZENS["default"][0])
    _run(app, db, client, "da")


def test_generated_values_in_every_form_and_parameter_as_a_sick_citizen(app, db):
    client = app.test_client()
    login_citizen(client, db, CITIZENS["followup"][0])
    _run(app, db, client, "da")


def test_generated_values_in_every_form_and_parameter_as_a_caseworker_in_english(app, db):
    client = app.test_client()
    assert login_caseworker(client).status_code == 302
    client.post("/sprog/en?next=/sagsbehandler/")
    _run(app, db, client, "en")
