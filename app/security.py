"""Security headers in one place, and the log filter that keeps CPR numbers out of logs."""
import logging
import re

from flask import request
from flask_login import current_user

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

# ddmmyy-xxxx or ddmmyyxxxx, not inside a longer number.
CPR_PATTERN = re.compile(r"(?<!\d)(\d{6})-?(\d{4})(?!\d)")


def mask_cpr(text: str) -> str:
    return CPR_PATTERN.sub(lambda m: f"{m.group(1)}-XXXX", text)


class CprMaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_cpr(message)
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
    if request.endpoint != "static" and getattr(current_user, "is_authenticated", False):
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    return response


def install_log_filter(app):
    cpr_filter = CprMaskingFilter()
    for logger in (app.logger, logging.getLogger("werkzeug"), logging.getLogger()):
        logger.addFilter(cpr_filter)
        for handler in logger.handlers:
            handler.addFilter(cpr_filter)
