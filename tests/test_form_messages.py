"""Every message a form can show is the app's own, in the reader's language: no validator or
field falls back to WTForms' English default text (WTForms has no Danish catalogue)."""
import importlib
import pkgutil
import re
from datetime import timedelta
from pathlib import Path

import pytest
import wtforms
from flask_wtf import FlaskForm
from wtforms import validators as v
from wtforms.fields import DateField, IntegerField, RadioField, SelectField

import app as app_package
from app import clock

from .conftest import citizen_id, login_caseworker, login_citizen
from .test_conversations_support import key

# Validators that show a message of their own; None would mean WTForms' default.
WITH_MESSAGE = (v.DataRequired, v.InputRequired, v.Length, v.NumberRange, v.Regexp, v.Email, v.EqualTo,
                v.AnyOf, v.NoneOf, v.URL, v.UUID, v.MacAddress, v.IPAddress)


def _form_classes():
    for info in pkgutil.walk_packages(app_package.__path__, "app."):
        importlib.import_module(info.name)
    found, todo = set(), [FlaskForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("app."):
                found.add(sub)
    return sorted(found, key=lambda c: (c.__module__, c.__name__))


def test_every_validator_and_field_of_every_form_has_the_apps_own_message(app):
    classes = _form_classes()
    assert len(classes) > 20
    missing = []
    with app.test_request_context("/"):
        for cls in classes:
            form = cls(meta={"csrf": False})
            for field in form:
                where = f"{cls.__module__}.{cls.__name__}.{field.name}"
                for validator in field.validators:
                    if isinstance(validator, WITH_MESSAGE) and validator.message is None:
                        missing.append(f"{where}: {type(validator).__name__}")
                if isinstance(field, (DateField, IntegerField)) and not field.invalid_value_message:
                    missing.append(f"{where}: invalid_value_message")
                if isinstance(field, (SelectField, RadioField)):
                    if field.validate_choice and not field.invalid_choice_message:
                        missing.append(f"{where}: invalid_choice_message")
                    if not field.invalid_value_message:
                        missing.append(f"{where}: invalid_value_message")
    assert not missing, "\n".join(missing)


def _wtforms_default_texts() -> list[str]:
    """A literal piece of every message WTForms itself can produce (from its own catalogue)."""
    pot = (Path(wtforms.__file__).parent / "locale" / "wtforms.pot").read_text(encoding="utf-8")
    texts = []
    for raw in re.findall(r'^msgid(?:_plural)? "(.+)"$', pot, flags=re.M):
        pieces = re.split(r"%\(\w+\)\w|%\w|\{\w*\}", raw)
        longest = max(pieces, key=len).strip()
        if len(longest) >= 8:
            texts.append(longest)
    assert "Not a valid choice." in texts and "Field cannot be longer than" in texts
    return texts


WTFORMS_TEXTS = _wtforms_default_texts()


def english_wtforms_text(html: str) -> list[str]:
    return [t for t in WTFORMS_TEXTS if t in html]


def _bad_posts(db):
    """(who, url, data): a bad value in every kind of field the forms have."""
    mette, ali = citizen_id(db, "Mette Jensen"), citizen_id(db, "Ali Hassan")
    conv = db.execute("SELECT id FROM conversations WHERE citizen_id = ? AND status = 'booked' ORDER BY starts_at",
                      [mette]).fetchone()[0]
    long = "x" * 5000
    return [
        ("citizen", "/joblog/ny", {"kind": "nope", "employer": long, "job_title": long, "applied_on": "2026-02-30",
                                   "source": long, "status": "nope", "note": long, "url": long,
                                   "submission_key": key()}),
        ("citizen", "/joblog/ny", {"kind": "advertised", "employer": "x", "job_title": "y", "applied_on": "0001-01-01",
                                   "status": "sent", "submission_key": "short"}),
        ("citizen", f"/samtaler/{conv}/afbud", {"reason": "nope", "cancel_text": long, "submission_key": key()}),
        ("citizen", f"/samtaler/{conv}/form", {"format": "nope", "reason": long, "phone_number": long}),
        ("citizen", f"/samtaler/{conv}/tolk", {"language": long}),
        ("citizen", "/indstillinger", {"language": "xx", "email": long, "phone": long}),
        ("sick", "/opfoelgning/oplysningsskema/arbejde", {"employment_status": "nope", "submit": "1"}),
        ("sick", "/opfoelgning/oplysningsskema/fravaer", {"first_sick_day": "9999-12-31", "submit": "1"}),
        ("sick", "/opfoelgning/oplysningsskema/delvis", {"partial": "yes", "partial_hours": "1e9", "submit": "1"}),
        ("sick", "/opfoelgning/bed-om-samtale", {"topic": long, "preferred_format": "nope", "submission_key": key()}),
        ("sick", "/opfoelgning/raskmelding", {"kind": "nope", "on_date": "31-31-2026", "hours": "x" * 30,
                                               "submission_key": key()}),
        ("caseworker", "/sagsbehandler/tider", {"day": "2026-13-01", "start": "25:99", "minutes": "999",
                                                "in_a_row": "99999999999999999999", "repeat_weeks": "-1",
                                                "location": long}),
        ("caseworker", f"/sagsbehandler/borger/{ali}/indkald", {
            "kind": "nope", "day": "x", "start": "x", "minutes": "7", "format": "nope", "location": long,
            "phone_number": "x", "prepare": long, "interpreter": long, "submission_key": key()}),
        ("caseworker", f"/sagsbehandler/borger/{ali}/selvbooking", {
            "kind": "nope", "deadline": "x", "window_start": "0001-01-01", "window_end": "9999-12-31",
            "prepare": long, "submission_key": key()}),
        ("caseworker", f"/sagsbehandler/borger/{ali}/krav-til-jobsoegning", {"count": "1.5", "note": long}),
        ("caseworker", "/sagsbehandler/borgere?q=" + "x" * 200 + "&group=nope", None),
        ("anonymous", "/log-ind/medarbejder", {"email": long + "@x.dk", "password": long}),
        ("anonymous", "/log-ind/mitid", {"citizen": "99999999999999999999"}),
    ]


def _client(app, db, who):
    client = app.test_client()
    if who == "caseworker":
        login_caseworker(client)
    elif who in ("citizen", "sick"):
        login_citizen(client, db, "Hanne Larsen" if who == "sick" else "Mette Jensen")
    return client


@pytest.mark.parametrize("locale", ["da", "en"])
def test_bad_values_get_the_apps_messages_in_the_pages_language(app, db, locale):
    for who, url, data in _bad_posts(db):
        client = _client(app, db, who)
        client.post(f"/sprog/{locale}")
        response = client.get(url) if data is None else client.post(url, data=data)
        html = response.get_data(as_text=True)
        assert response.status_code in (200, 400, 401), (url, response.status_code)
        assert f'lang="{locale}"' in html
        if locale == "da":
            assert english_wtforms_text(html) == [], url


def test_a_field_level_error_reads_in_danish_and_in_english(app, db):
    day = (clock.today() + timedelta(days=3)).isoformat()
    slot = {"day": day, "start": "10:00", "minutes": "45", "in_a_row": "1", "repeat_weeks": "0", "offer_phone": "y"}
    for locale, not_a_choice, not_a_number in (("da", "Vælg en af mulighederne", "Skriv et helt tal"),
                                               ("en", "Choose one of the options", "Enter a whole number")):
        client = _client(app, db, "caseworker")
        client.post(f"/sprog/{locale}")
        page = client.post("/sagsbehandler/tider", data={**slot, "minutes": "999"}).get_data(as_text=True)
        assert not_a_choice in page
        page = client.post("/sagsbehandler/tider", data={**slot, "in_a_row": "1e3"}).get_data(as_text=True)
        assert not_a_number in page
