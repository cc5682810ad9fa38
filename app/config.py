"""Configuration classes; `create_app` takes one of them (or a dict of overrides)."""
import os
from datetime import timedelta


class Config:
    ENV_NAME = "development"
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
    DATABASE = None  # resolved to instance/minplan.sqlite by create_app
    BABEL_DEFAULT_LOCALE = "da"
    BABEL_DEFAULT_TIMEZONE = "Europe/Copenhagen"
    BABEL_TRANSLATION_DIRECTORIES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "translations")
    LANGUAGES = ("da", "en")
    # The development identity provider stands in for MitID; never on in production.
    DEV_LOGIN_ENABLED = True
    IDLE_TIMEOUT = timedelta(minutes=30)
    IDLE_WARNING = timedelta(minutes=5)  # warn this long before the session ends
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_NAME = "minplan_session"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    SECURE_HEADERS_STRICT = False  # HSTS and secure cookies, outside development
    # Failed caseworker logins: this many within the window locks the key out for the window.
    LOGIN_MAX_FAILURES = 5
    LOGIN_FAILURE_WINDOW = timedelta(minutes=15)
    WTF_CSRF_TIME_LIMIT = None  # the session's own idle limit ends stale forms
    SCHEDULER_HOUSEKEEPING_MINUTES = 15
    VIDEO_BASE_URL = "https://video.minplan.example/m/"  # the municipality's video service


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


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}
