"""The background scheduler. It runs in one process of its own (`flask reminders run`), never
inside web workers, so that work it does is done once. SIGTERM and SIGINT stop it in an orderly
way: the sweep in flight finishes the message in hand, and then the process ends."""
import logging
import signal
import threading
from contextlib import contextmanager
from datetime import timedelta

from apscheduler.schedulers.blocking import BlockingScheduler

from . import clock
from .auth import queries as auth_queries
from .auth import sessions as auth_sessions
from .db import connect
from .security import install_log_filter

log = logging.getLogger("minplan.scheduler")


def housekeeping(app) -> int:
    """Forget failed-login records long past the rate-limit window and sessions that ended by
    time without being used again, bring the caseworkers' joblog and follow-up indexes to the new day before the
    first caseworker asks (app/joblog/watch.py, app/followup/watch.py), and keep the query planner's statistics fresh
    (without them SQLite picks a worse index for the caseworker lists)."""
    from .followup import watch as followup_watch
    from .joblog import watch as joblog_watch

    db = connect(app.config["DATABASE"])
    try:
        cutoff = clock.now() - app.config["LOGIN_FAILURE_WINDOW"] * 4
        purged = auth_queries.purge_attempts_before(db, cutoff)
        purged += auth_sessions.purge(db, app.config)
        with app.app_context():
            for (municipality_id,) in db.execute("SELECT id FROM municipalities").fetchall():
                joblog_watch.refresh(db, municipality_id)
                followup_watch.refresh(db, municipality_id)
        db.execute("PRAGMA optimize=0x10002")
        return purged
    finally:
        db.conn.close()


def reminder_sweep(app, stop: threading.Event | None = None):
    """Queue what is due and deliver it (app/notify). Errors are logged; the next run tries again."""
    from .notify.sweep import sweep
    if stop is not None and stop.is_set():
        return None  # stopping: no new sweep
    try:
        return sweep(app, stop=stop)
    except Exception:  # noqa: BLE001  the scheduler must keep running
        log.exception("Reminder sweep failed")
        return None


def build(app, stop: threading.Event | None = None) -> BlockingScheduler:
    scheduler = BlockingScheduler(timezone="Europe/Copenhagen")
    scheduler.add_job(housekeeping, "interval", args=[app], id="housekeeping",
                      minutes=app.config["SCHEDULER_HOUSEKEEPING_MINUTES"], coalesce=True,
                      max_instances=1, next_run_time=clock.now() + timedelta(seconds=5))
    # One sweep at a time (max_instances=1); a late run is merged, not repeated (coalesce).
    scheduler.add_job(reminder_sweep, "interval", args=[app, stop], id="reminder_sweep",
                      seconds=app.config["REMINDER_SWEEP_SECONDS"], coalesce=True, max_instances=1,
                      misfire_grace_time=None, next_run_time=clock.now() + timedelta(seconds=2))
    return scheduler


class _Stopping(BaseException):
    """Raised in the main thread to leave the scheduler's loop. A BaseException, so no
    `except Exception` on the way swallows it."""


@contextmanager
def orderly_stop(*, leave: bool):
    """SIGTERM and SIGINT ask for an orderly stop instead of killing the process on the spot
    (SIGTERM's default), which would leave a message handed over but not marked sent, to be
    sent again when its claim runs out. Yields the Event a sweep watches: once set, the sweep
    finishes the message in hand and takes no more. With `leave`, the signal also raises
    _Stopping in the main thread, to leave a loop that is waiting there. A signal the parent
    told us to ignore (SIGINT for a background job of a shell) stays ignored."""
    stop = threading.Event()

    def request_stop(signum, _frame):
        if stop.is_set():
            return  # already stopping
        # A warning, so that it is seen even where logging is not set up (`flask reminders sweep`).
        log.warning("Stopping (%s): finishing the message in hand", signal.Signals(signum).name)
        stop.set()
        if leave:
            raise _Stopping()

    previous = {}
    # Only the main thread may set signal handlers (and only it receives signals).
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            if signal.getsignal(signum) is not signal.SIG_IGN:
                previous[signum] = signal.signal(signum, request_stop)
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def run_blocking(app):
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    install_log_filter(app)  # the handler basicConfig just made masks too
    scheduler = None
    with orderly_stop(leave=True) as stop:
        try:
            scheduler = build(app, stop)
            log.info("Scheduler started")
            scheduler.start()
        except _Stopping:
            pass
        finally:
            if scheduler is not None and scheduler.running:
                scheduler.shutdown(wait=True)  # waits for a sweep in flight to finish its message
    log.info("Scheduler stopped")
