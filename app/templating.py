"""What every template can use: navigation, the language switcher, labels, session timeout."""
from flask import request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from . import labels
from . import clock
from .extensions import login_manager
from .security import mask_cpr

LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}

CITIZEN_NAV = (("plan.index", _l("My plan")),)
CASEWORKER_NAV = (("caseworker.today", _l("Today")),)


def masked_cpr(cpr: str | None) -> str:
    return mask_cpr(cpr or "")


def init_app(app):
    login_manager.login_view = "auth.login"
    login_manager.blueprint_login_views = {"caseworker": "auth.caseworker_login"}
    login_manager.login_message = _l("Log in to see this page.")
    login_manager.login_message_category = "info"

    # Globals, not context: imported macro files see globals without "with context".
    app.jinja_env.globals.update(labels=labels, label=labels.label, masked_cpr=masked_cpr)

    @app.context_processor
    def inject():
        locale = str(get_locale())
        nav = ()
        if current_user.is_authenticated:
            nav = CITIZEN_NAV if current_user.kind == "citizen" else CASEWORKER_NAV
        here = request.full_path.rstrip("?") if request else "/"
        return {
            "locale": locale,
            "nav_items": [(endpoint, text, request.endpoint == endpoint) for endpoint, text in nav],
            "languages": [(code, LANGUAGE_NAMES[code], url_for("auth.set_language", code=code, next=here),
                           code == locale) for code in app.config["LANGUAGES"]],
            "now": clock.now(),
            "idle_seconds": int(app.config["IDLE_TIMEOUT"].total_seconds()),
            "warning_seconds": int(app.config["IDLE_WARNING"].total_seconds()),
            "dev_login": app.config.get("DEV_LOGIN_ENABLED") and app.config.get("ENV_NAME") != "production",
        }
