"""The background scheduler. It runs in one process of its own (`flask reminders run`), never
inside web workers, so that work it does is done once."""
import logging
from datetime import timedelta

from apscheduler.schedulers.blocking import BlockingScheduler

from . import clock
from .auth import queries as auth_queries
from .auth import sessions as auth_sessions
from .db import connect

log = logging.getLogger("minplan.scheduler")


def housekeeping(app) -> int:
    """Forget failed-login records long past the rate-limit window and sessions that ended by
    time without being used again, and keep the query planner's statistics fresh (without them
    SQLite picks a worse index for the caseworker lists)."""
    db = connect(app.config["DATABASE"])
    try:
        cutoff = clock.now() - app.config["LOGIN_FAILURE_WINDOW"] * 4
        purged = auth_queries.purge_attempts_before(db, cutoff)
        purged += auth_sessions.purge(db, app.config)
        db.execute("PRAGMA optimize=0x10002")
        return purged
    finally:
        db.conn.close()


def reminder_sweep(app):
    """Queue what is due and deliver it (app/notify). Errors are logged; the next run tries again."""
    from .notify.sweep import sweep
    try:
        return sweep(app)
    except Exception:  # noqa: BLE001  the scheduler must keep running
        log.exception("Reminder sweep failed")
        return None


def build(app) -> BlockingScheduler:
    scheduler = BlockingScheduler(timezone="Europe/Copenhagen")
    scheduler.add_job(housekeeping, "interval", args=[app], id="housekeeping",
                      minutes=app.config["SCHEDULER_HOUSEKEEPING_MINUTES"], coalesce=True,
                      max_instances=1, next_run_time=clock.now() + timedelta(seconds=5))
    # One sweep at a time (max_instances=1); a late run is merged, not repeated (coalesce).
    scheduler.add_job(reminder_sweep, "interval", args=[app], id="reminder_sweep",
                      seconds=app.config["REMINDER_SWEEP_SECONDS"], coalesce=True, max_instances=1,
                      misfire_grace_time=None, next_run_time=clock.now() + timedelta(seconds=2))
    return scheduler


def run_blocking(app):
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    log.info("Scheduler started")
    try:
        build(app).start()
    except (KeyboardInterrupt, SystemExit):
        log.info("Scheduler stopped")
