"""What every template can use: navigation, the language switcher, labels, session timeout."""
from flask import flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_url
from markupsafe import Markup

from . import labels
from . import clock, cpr
from .extensions import login_manager
from .rules import rules_for

LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}

# (endpoint, text, shown-when(rules)); an entry whose endpoint does not exist is left out.
CITIZEN_NAV = (
    ("plan.index", _l("My plan"), None),
    ("conversations.index", _l("Conversations"), None),
    ("joblog.index", _l("Joblog"), lambda rules: rules.joblog is not None),
    ("followup.index", _l("Follow-up"), lambda rules: rules.sick is not None),
    ("notify.messages", _l("Messages"), None),
)
CASEWORKER_NAV = (
    ("caseworker.today", _l("Today"), None),
    ("caseworker.citizens", _l("Citizens"), None),
    ("caseworker.conversations.times", _l("Times"), None),
    ("caseworker.conversations.requests", _l("Requests"), None),
    ("caseworker.joblog.index", _l("Joblogs"), None),
    ("caseworker.followup.index", _l("Follow-up"), None),
    ("caseworker.dialogue.index", _l("Messages"), None),
    ("caseworker.staff.index", _l("Staff"), lambda user: user.is_administrator),  # administrators only
)


def _nav(app):
    if not current_user.is_authenticated:
        return []
    if current_user.kind == "citizen":
        rules = rules_for(current_user.row["target_group"])
        entries = [(e, t) for e, t, shown in CITIZEN_NAV if shown is None or shown(rules)]
    else:
        entries = [(e, t) for e, t, shown in CASEWORKER_NAV if shown is None or shown(current_user)]
    entries = [(e, t) for e, t in entries if e in app.view_functions]
    exact = any(request.endpoint == e for e, _t in entries)
    # A page without its own entry marks its area's entry (its blueprint: "joblog", or
    # "caseworker.joblog" in the caseworker's house), when the area has only one in this menu.
    per_area = {}
    for e, _t in entries:
        per_area[e.rpartition(".")[0]] = per_area.get(e.rpartition(".")[0], 0) + 1
    # The dialogue's pages (app/dialogue) live under the citizen's "Beskeder".
    if request.blueprint == "dialogue":
        return [(endpoint, text, endpoint == "notify.messages") for endpoint, text in entries]
    return [(endpoint, text, request.endpoint == endpoint or
             (not exact and request.blueprint == endpoint.rpartition(".")[0] and per_area[request.blueprint] == 1
              and request.blueprint not in ("caseworker", "plan", "notify", "caseworker.staff")))
            for endpoint, text in entries]


def _unread_notices() -> int:
    """The citizen's unread in-app notices, for the header (one indexed COUNT)."""
    if not getattr(current_user, "is_authenticated", False) or current_user.kind != "citizen":
        return 0
    from .db import get_db
    from .notify.queries import unread_count
    return unread_count(get_db(), current_user.id)


def _nav_counts() -> dict:
    """The number beside a menu entry: (text, number) by endpoint, built once per request. The
    citizen's "Beskeder" counts unread notices and threads with an unread answer; the
    caseworker's entries count what waits in their municipality: unanswered messages, format
    requests awaiting a decision, follow-ups needing action and joblogs at risk or missed, each
    one indexed query. An entry with nothing waiting has no count."""
    if not getattr(current_user, "is_authenticated", False):
        return {}
    from .db import get_db
    from .memo import per_request
    db = get_db()
    return per_request(db, ("nav_counts", current_user.kind, current_user.id), lambda: _build_nav_counts(db))


def _build_nav_counts(db) -> dict:
    from flask import current_app
    from flask_babel import ngettext
    from .dialogue import queries as dialogue
    if current_user.kind == "citizen":
        number = _unread_notices() + dialogue.unread_threads_for_citizen(db, current_user.id)
        return {"notify.messages": (ngettext("%(num)s unread", "%(num)s unread", number), number)} if number else {}
    from .conversations import queries_caseworker as conversations
    from .followup import watch as followup_watch
    from .joblog import watch as joblog_watch
    municipality_id = current_user.municipality_id
    counters = (
        ("caseworker.dialogue.index", lambda: dialogue.unanswered_count(db, municipality_id),
         lambda n: ngettext("%(num)s unanswered", "%(num)s unanswered", n)),
        ("caseworker.conversations.requests", lambda: conversations.pending_count(db, municipality_id),
         lambda n: ngettext("%(num)s awaiting a decision", "%(num)s awaiting a decision", n)),
        ("caseworker.followup.index", lambda: followup_watch.action_count(db, municipality_id),
         lambda n: ngettext("%(num)s needing action", "%(num)s needing action", n)),
        ("caseworker.joblog.index", lambda: joblog_watch.needing_attention_count(db, municipality_id),
         lambda n: ngettext("%(num)s at risk or missed", "%(num)s at risk or missed", n)),
    )
    counts = {}
    for endpoint, count, text in counters:
        if endpoint not in current_app.view_functions:
            continue  # the menu leaves the entry out, so nothing is counted for it
        number = count()
        if number:
            counts[endpoint] = (text(number), number)
    return counts


def masked_cpr(number: str | None) -> str:
    return cpr.mask(number)


def isolate(value):
    """`{{ text | bdi }}`: text someone typed, in its own direction (<bdi>), so right-to-left
    words in it cannot reorder the sentence or the line around it on our pages. Empty stays
    empty, so `{{ x | bdi or "–" }}` still works."""
    if value is None or value == "":
        return value
    return Markup("<bdi>{}</bdi>").format(value)


def init_app(app):
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log in to see this page.")
    login_manager.login_message_category = "info"

    @login_manager.unauthorized_handler
    def to_the_right_login():
        # Every caseworker page (whichever package serves it) asks for the caseworker's login,
        # every other page for the citizen's (tests/test_access_matrix.py).
        staff = request.path == "/sagsbehandler" or request.path.startswith("/sagsbehandler/")
        flash(str(login_manager.login_message), login_manager.login_message_category)
        return redirect(login_url("auth.caseworker_login" if staff else login_manager.login_view, request.url))

    # Globals, not context: imported macro files see globals without "with context".
    app.jinja_env.globals.update(labels=labels, label=labels.label, masked_cpr=masked_cpr)
    app.jinja_env.filters["bdi"] = isolate

    @app.context_processor
    def inject():
        locale = str(get_locale())
        return {
            "locale": locale,
            "nav_items": _nav(app),
            # The footer's switcher: each language a small POST form back to this page.
            "languages": [(code, LANGUAGE_NAMES[code], url_for("auth.set_language", code=code), code == locale)
                          for code in app.config["LANGUAGES"]],
            "here": request.full_path.rstrip("?") if request else "/",
            "now": clock.now(),
            "idle_seconds": int(app.config["IDLE_TIMEOUT"].total_seconds()),
            "warning_seconds": int(app.config["IDLE_WARNING"].total_seconds()),
            "dev_login": app.config.get("DEV_LOGIN_ENABLED") and app.config.get("ENV_NAME") != "production",
            "unread_notices": _unread_notices(),
            "nav_counts": _nav_counts(),
        }
