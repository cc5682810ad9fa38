"""gunicorn settings for Min Plan: `make run` (app/serve.py) and production use this file.

HOST and PORT choose the address (as `make run` always has), WEB_CONCURRENCY the number of worker
processes (default 2, one per core of the project's machines). Migrations are not run here: run
`flask db upgrade` once before starting (app/serve.py does); the master refuses to start while any
are pending, and the workers never migrate.
"""
import os

os.environ.setdefault("MINPLAN_MIGRATE_ON_START", "0")

wsgi_app = "wsgi:app"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2)
worker_class = "sync"
timeout = 30
graceful_timeout = 10  # Ctrl-C / SIGTERM: requests in flight get this long to finish
accesslog = "-"
# The client address is REMOTE_ADDR after ProxyFix (PROXY_FIX_X_FOR), never a raw header.
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms'
proc_name = "minplan-web"
# gunicorn's control socket (`gunicornc`) lives at one path per user: two servers on one machine
# (tests, several checkouts) would fight over it. Min Plan is stopped with signals instead.
control_socket_disable = True


def on_starting(server):
    """In the master, before any worker starts: the schema must be current, and the static
    files built (in development a stale build is rebuilt here, once, not in every worker).
    create_app also puts the personal-data mask on gunicorn's loggers (app/security.py)."""
    from app import create_app
    from app.db import connect, pending_migrations

    app = create_app()
    db = connect(app.config["DATABASE"])
    try:
        pending = pending_migrations(db)
    finally:
        db.conn.close()
    if pending:
        raise SystemExit(f"Min Plan: migrations {', '.join(map(str, pending))} are pending in "
                         f"{app.config['DATABASE']}; run `flask db upgrade` first.")
