"""Security headers in one place, and the log filter that keeps CPR numbers, e-mail addresses,
phone numbers and calendar tokens out of logs."""
import logging
import re

from flask import request
from flask_login import current_user

from .cpr import mask_in_text

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

# Endpoints that answer without the session or the database (no user is loaded for them).
BARE_ENDPOINTS = frozenset({"healthz"})

# What a caseworker may type into a search lands in the access log as part of the URL, so the
# patterns also match their URL forms: '@' as %40, '+' as %2B, a space as '+' or %20.
EMAIL_PATTERN = re.compile(r"[\w.%+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+")
_SEP = r"(?:[ -]|%20|\+)"
# A Danish number: 8 digits, together or as 2-2-2-2 or 4-4, after an optional +45 / 0045. Not
# inside a longer number (a CPR number is 10 digits), and not 4-2-2 (a date such as 2026-12-07)
# or dotted (an IP address).
PHONE_PATTERN = re.compile(
    rf"(?<!\d)(?:(?:\+|%2B|00)45{_SEP}?)?"
    rf"(?:\d{{8}}|\d\d{_SEP}\d\d{_SEP}\d\d{_SEP}\d\d|\d{{4}}{_SEP}\d{{4}})(?!\d)",
    re.IGNORECASE)


# The private calendar address (app/feed): its token is the key to the feed, so it never reaches
# a log. Any path segment after /kalender/ is masked, whatever it holds.
CALENDAR_TOKEN_PATTERN = re.compile(r"(/kalender/)[^/\s?\"']+")


def mask_calendar_token(text: str) -> str:
    return CALENDAR_TOKEN_PATTERN.sub(r"\1[token]", text)


def mask_cpr(text: str) -> str:
    """Every CPR-like number in a log text as "010185-XXXX" (app/cpr.py)."""
    return mask_in_text(text)


def mask_personal_data(text: str) -> str:
    """What goes into a log: e-mail addresses and phone numbers gone, CPR numbers masked. E-mail
    first (its local part may be digits), phone before CPR (+45 and 8 digits look like a CPR)."""
    return mask_cpr(PHONE_PATTERN.sub("[phone]", EMAIL_PATTERN.sub("[e-mail]", mask_calendar_token(text))))


class PersonalDataMaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_personal_data(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def set_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    from flask import current_app
    if current_app.config.get("SECURE_HEADERS_STRICT"):
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    # Pages for a logged-in user carry personal data: never store them in any cache.
    if request.endpoint not in BARE_ENDPOINTS and getattr(current_user, "is_authenticated", False):
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    return response


# The loggers Min Plan's own code writes to (a logger's filter sees only its own records, not those
# of the loggers below it, so each is named).
APP_LOGGERS = ("minplan", "minplan.notify", "minplan.scheduler")
MASKING = PersonalDataMaskingFilter()  # one filter, so installing it again adds nothing


def install_log_filter(app):
    """On the loggers that write requests (werkzeug in development, gunicorn in production) and
    Min Plan's own, so a record is masked where it is made, whatever handler writes it; and on the
    handlers there are (records of other libraries' loggers pass through them)."""
    masking = MASKING
    loggers = (app.logger, logging.getLogger("werkzeug"), logging.getLogger("gunicorn.access"),
               logging.getLogger("gunicorn.error"), logging.getLogger(),
               *(logging.getLogger(name) for name in APP_LOGGERS))
    for logger in loggers:
        logger.addFilter(masking)
        for handler in logger.handlers:
            handler.addFilter(masking)
