"""Min Plan: the application factory."""
import os
from pathlib import Path

from flask import Flask, Response, render_template
from werkzeug.middleware.proxy_fix import ProxyFix

from . import assets, db, i18n, security, urls
from .config import CONFIGS, Config
from .extensions import babel, compress, csrf, login_manager

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: str | type | dict | None = None) -> Flask:
    """`config` is a name ("development", "test", "production"), a Config class, or a dict of
    overrides on top of MINPLAN_CONFIG (default development)."""
    app = Flask(__name__, instance_path=str(ROOT / "instance"), instance_relative_config=True,
                template_folder=str(ROOT / "templates"), static_folder=None)
    base = CONFIGS[os.environ.get("MINPLAN_CONFIG", "development")]
    overrides = {}
    if isinstance(config, str):
        base = CONFIGS[config]
    elif isinstance(config, type) and issubclass(config, Config):
        base = config
    elif isinstance(config, dict):
        overrides = config
    app.config.from_object(base)
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(overrides)
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("SECRET_KEY must be set in production")
    if app.config.get("DATABASE") is None:
        app.config["DATABASE"] = os.path.join(app.instance_path, "minplan.sqlite")

    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    login_manager.init_app(app)
    db.init_app(app)
    i18n.init_app(app)
    security.install_log_filter(app)
    app.after_request(security.set_headers)
    # Before any route is added: every `<int:...>` in the app is an id that fits the database.
    app.url_map.converters["int"] = urls.IdConverter
    compress.init_app(app)
    assets.init_app(app)  # WhiteNoise serves /static/ from the hashed build
    _install_proxy_fix(app)
    app.add_url_rule("/healthz", "healthz", healthz)

    from .auth import bp as auth_bp
    from .caseworker import bp as caseworker_bp
    from .conversations import bp as conversations_bp
    from .dialogue import bp as dialogue_bp
    from .feed import bp as feed_bp
    from .followup import bp as followup_bp
    from .joblog import bp as joblog_bp
    from .notify import bp as notify_bp
    from .pages import bp as pages_bp
    from .plan import bp as plan_bp
    from .changes import bp as changes_bp
    from .reports import bp as reports_bp
    from .caseworker import areas  # noqa: F401  (nests every area's caseworker pages, once)
    for blueprint in (auth_bp, pages_bp, plan_bp, conversations_bp, joblog_bp, followup_bp, caseworker_bp, notify_bp,
                      dialogue_bp, feed_bp, reports_bp, changes_bp):
        app.register_blueprint(blueprint)

    from . import cli, contact, templating
    templating.init_app(app)
    contact.init_app(app)
    cli.init_app(app)
    _register_error_pages(app)
    return app


def healthz():
    """For a proxy's or a load balancer's health check and the benchmark: answers from the worker
    alone, with no database, no template, no session and no login."""
    return Response("ok\n", mimetype="text/plain", headers={"Cache-Control": "no-store"})


def _install_proxy_fix(app):
    """Trust X-Forwarded-* only as far as configured: with PROXY_FIX_X_FOR = 0 (the default) the
    client's own X-Forwarded-For is ignored, so it cannot choose the address that the login rate
    limit and the logs see."""
    hops = {key: int(app.config.get(f"PROXY_FIX_X_{key.upper()}") or 0)
            for key in ("for", "proto", "host", "port", "prefix")}
    if any(hops.values()):
        app.wsgi_app = ProxyFix(app.wsgi_app, **{f"x_{key}": value for key, value in hops.items()})


def _register_error_pages(app):
    from flask_wtf.csrf import CSRFError

    def page(code):
        def handler(error):
            return render_template(f"errors/{code}.html"), code
        return handler

    for code in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, page(code))
    app.register_error_handler(CSRFError, page(400))
