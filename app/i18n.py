"""Locale selection and the date and time formats people use (SCREENS.md: "mandag 7. december kl. 10.00")."""
from datetime import date, datetime, time

from flask import current_app, g, has_request_context, request, session
from flask_babel import format_date as babel_format_date
from flask_babel import format_datetime as babel_format_datetime
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from . import clock

LANG_COOKIE = "minplan_lang"

DATE_PATTERNS = {
    "da": {"day": "EEEE d. MMMM", "date": "d. MMMM y", "weekday_date": "EEEE d. MMMM y",
           "time": "'kl.' HH.mm", "short": "d. MMM"},
    "en": {"day": "EEEE d MMMM", "date": "d MMMM y", "weekday_date": "EEEE d MMMM y",
           "time": "HH:mm", "short": "d MMM"},
}


def select_locale() -> str:
    supported = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang") or request.cookies.get(LANG_COOKIE)
    if chosen in supported:
        return chosen
    if getattr(current_user, "is_authenticated", False):
        preferred = getattr(current_user, "preferred_language", None)
        if preferred in supported:
            return preferred
    # Nothing chosen (the login page, a first visit): the browser's language, if we have it.
    g.locale_from_browser = True
    return request.accept_languages.best_match(supported) or current_app.config["BABEL_DEFAULT_LOCALE"]


def _vary_on_language(response):
    if g.get("locale_from_browser"):
        response.vary.add("Accept-Language")
    return response


def _patterns():
    return DATE_PATTERNS.get(str(get_locale()), DATE_PATTERNS["da"])


def fmt_date(value: date | datetime | str | None, style: str = "date") -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = clock.from_db(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        value = clock.local(value).date()
    return babel_format_date(value, _patterns()[style])


def _time(value: datetime) -> str:
    """The wall time, and inside the hour that occurs twice in October which of the two it is."""
    text = babel_format_datetime(value, _patterns()["time"])
    if clock.in_repeated_hour(value):
        text += " " + (_("(summer time)") if clock.is_summer_time(value) else _("(winter time)"))
    return text


def fmt_time(value: datetime | str) -> str:
    if isinstance(value, str):
        value = clock.from_db(value)
    return _time(value)


def fmt_clock(value: time) -> str:
    """A wall time without a day, as typed by a caseworker: '02.30' in Danish (the house style,
    as 'kl. 02.30' above), '02:30' in English."""
    sep = "." if str(get_locale()) == "da" else ":"
    return f"{value.hour:02d}{sep}{value.minute:02d}"


def fmt_datetime(value: datetime | str | None) -> str:
    """'mandag 7. december kl. 10.00' / 'Monday 7 December, 10:00' in Copenhagen time."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = clock.from_db(value)
    pattern = _patterns()
    sep = " " if str(get_locale()) == "da" else ", "
    return babel_format_datetime(value, pattern["day"]) + sep + _time(value)


def fmt_datetime_full(value: datetime | str | None) -> str:
    """With the year, for receipts: 'mandag 23. november 2026 kl. 09.14'."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = clock.from_db(value)
    pattern = _patterns()
    sep = " " if str(get_locale()) == "da" else ", "
    return babel_format_datetime(value, pattern["weekday_date"]) + sep + _time(value)


def init_app(app):
    app.jinja_env.filters["date"] = fmt_date
    app.jinja_env.filters["time"] = fmt_time
    app.jinja_env.filters["datetime"] = fmt_datetime
    app.jinja_env.filters["datetime_full"] = fmt_datetime_full
    app.after_request(_vary_on_language)
