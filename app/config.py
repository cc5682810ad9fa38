"""Configuration classes; `create_app` takes one of them (or a dict of overrides)."""
import os
from datetime import timedelta


def _env_int(name: str, default: int = 0) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip()
    return default if not value else value not in ("0", "false", "no", "off")


def public_url(environ=os.environ) -> str:
    """The address links in e-mail and SMS point to: PUBLIC_BASE_URL (or the older
    MINPLAN_PUBLIC_URL) when set, as the public address behind a proxy must be; otherwise where
    the app is served, HOST and PORT as `make run` and gunicorn.conf.py use them (a wildcard
    HOST means this machine)."""
    configured = (environ.get("PUBLIC_BASE_URL") or environ.get("MINPLAN_PUBLIC_URL") or "").strip()
    if configured:
        return configured.rstrip("/")
    host = (environ.get("HOST") or "127.0.0.1").strip()
    if host in ("0.0.0.0", "::", "[::]", ""):
        host = "127.0.0.1"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address in a URL
    port = (environ.get("PORT") or "5000").strip()
    return f"http://{host}:{port}"


class Config:
    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
    DATABASE = os.environ.get("MINPLAN_DATABASE")  # None: instance/minplan.sqlite (create_app)
    # Message attachments (app/dialogue/files.py). None: attachments/ beside the database.
    ATTACHMENTS_DIR = os.environ.get("MINPLAN_ATTACHMENTS_DIR")
    # Apply pending migrations when an app is created: handy for `flask run` and tests (one
    # process). gunicorn.conf.py turns it off; `flask db upgrade` runs once before the workers.
    MIGRATE_ON_START = _env_flag("MINPLAN_MIGRATE_ON_START", True)
    # Behind a reverse proxy: how many proxies in front of the app set each X-Forwarded-* header
    # (werkzeug ProxyFix). 0 = not behind a proxy, the headers are not trusted (a client could
    # otherwise choose the address the login rate limit and the logs see).
    PROXY_FIX_X_FOR = _env_int("PROXY_FIX_X_FOR")  # e.g. 1: one proxy (nginx) in front
    PROXY_FIX_X_PROTO = _env_int("PROXY_FIX_X_PROTO")
    PROXY_FIX_X_HOST = _env_int("PROXY_FIX_X_HOST")
    PROXY_FIX_X_PORT = _env_int("PROXY_FIX_X_PORT")
    PROXY_FIX_X_PREFIX = _env_int("PROXY_FIX_X_PREFIX")
    # Static files (app/assets.py): rebuilt when a source changed. Production serves the build
    # `make setup` (`flask assets build`) made and never writes to static/.
    ASSETS_AUTO_BUILD = True
    # Responses compressed by Flask-Compress (static files are precompressed at build time).
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_ALGORITHM_STREAMING = ["br"]  # a streamed response cannot be gzipped by Flask-Compress
    COMPRESS_BR_LEVEL = 5
    COMPRESS_LEVEL = 6
    COMPRESS_MIN_SIZE = 500
    COMPRESS_MIMETYPES = ["text/html", "text/css", "text/plain", "text/csv", "text/calendar",
                          "application/json", "application/javascript", "image/svg+xml"]
    BABEL_DEFAULT_LOCALE = "da"
    BABEL_DEFAULT_TIMEZONE = "Europe/Copenhagen"
    BABEL_TRANSLATION_DIRECTORIES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "translations")
    LANGUAGES = ("da", "en")
    # The development identity provider stands in for MitID; never on in production.
    DEV_LOGIN_ENABLED = True
    # Logins are server-side sessions (app/auth/sessions.py), checked on every request: idle this
    # long, or older than the absolute lifetime however active, and the session has ended.
    IDLE_TIMEOUT = timedelta(minutes=30)
    IDLE_WARNING = timedelta(minutes=5)  # warn this long before the session ends
    SESSION_ABSOLUTE_LIFETIME = timedelta(hours=12)  # SETTING: a working day with overtime, then log in again
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_NAME = "minplan_session"
    # The cookie itself is never made permanent: it goes when the browser closes. Flask refuses a
    # cookie signed longer ago than this, whatever the database says: no cookie outlives a session.
    PERMANENT_SESSION_LIFETIME = SESSION_ABSOLUTE_LIFETIME
    SECURE_HEADERS_STRICT = False  # HSTS and secure cookies, outside development
    # Failed caseworker logins: this many within the window locks the key out for the window.
    LOGIN_MAX_FAILURES = 5
    LOGIN_FAILURE_WINDOW = timedelta(minutes=15)
    WTF_CSRF_TIME_LIMIT = None  # the session's own idle limit ends stale forms
    # The largest request body taken (bytes); more gets the 413 page. The text forms take at most
    # a few thousand characters each; a message may carry one attachment of at most 10 MB
    # (app/dialogue/files.py), so the limit is that file and room for the form around it. Text
    # fields alone stay within Werkzeug's MAX_FORM_MEMORY_SIZE (500 kB). SETTING.
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024 + 256 * 1024
    SCHEDULER_HOUSEKEEPING_MINUTES = 15
    VIDEO_BASE_URL = "https://video.minplan.example/m/"  # the municipality's video service
    # Reminders and notices (app/notify): one sweep process sends; the web side never does.
    REMINDER_SWEEP_SECONDS = 60
    PUBLIC_URL = public_url()  # links in e-mail/SMS
    MAIL_ENABLED = os.environ.get("MAIL_ENABLED", "") == "1"  # off in development unless asked for
    MAIL_HOST = os.environ.get("MAIL_HOST", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "8025"))
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "") == "1"  # STARTTLS
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_FROM = os.environ.get("MAIL_FROM", "Min Plan <no-reply@minplan.example>")
    MAIL_TIMEOUT = 10  # seconds per SMTP socket operation; the sweep holds no database lock meanwhile
    SMS_BACKEND = "file"  # development gateway: appends to SMS_FILE; "" turns SMS off
    SMS_FILE = None  # resolved to instance/sms.log
    # An e-mail or SMS claimed for sending ('sending') and not marked sent after this long (the
    # sweep died after handing it over) is handed over again, with the same Message-ID/reference.
    NOTIFY_CLAIM_SECONDS = 300
    NOTIFY_MAX_ATTEMPTS = 8
    NOTIFY_RETRY_SECONDS = 60  # the first retry; doubles with every failed attempt
    NOTIFY_RETRY_MAX_SECONDS = 6 * 3600


class DevelopmentConfig(Config):
    pass


class TestConfig(Config):
    ENV_NAME = "test"
    TESTING = True
    SECRET_KEY = "test-secret"
    WTF_CSRF_ENABLED = False  # tests/test_security.py turns it on to prove it guards every form


class ProductionConfig(Config):
    ENV_NAME = "production"
    DEV_LOGIN_ENABLED = False
    SECURE_HEADERS_STRICT = True
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SMS_BACKEND = ""  # needs a real gateway
    MIGRATE_ON_START = _env_flag("MINPLAN_MIGRATE_ON_START", False)  # `flask db upgrade` on deploy
    ASSETS_AUTO_BUILD = False


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}
