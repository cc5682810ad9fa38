"""Fixtures: the instant every test runs at, a fresh SQLite file with demo data per test,
clients, login helpers, and a real HTTP server for tests that need one."""
import logging
import re
import threading
from contextlib import contextmanager

import pytest
import time_machine
from werkzeug.serving import make_server

from app import create_app, demo
from app.db import connect

from .instants import parse, run_instant

# The one instant the suite runs at, Copenhagen wall time: an ordinary Tuesday morning in the
# rule set in force, away from holidays and summer-time changes. MINPLAN_TEST_NOW names another
# (README: Tests); `make test-clock` runs the suite at the instants listed in tests/instants.py.
TEST_NOW = "2026-11-17 09:40"


def now_of_run():
    """The instant this run's tests start at (aware, UTC)."""
    return run_instant(TEST_NOW)


def pinned_clock():
    """Travel to the run's instant; the clock then ticks, so time passes inside a test as it would."""
    return time_machine.travel(now_of_run(), tick=True)


@pytest.fixture(scope="session", autouse=True)
def _session_clock():
    # Session- and module-scoped fixtures (the browser tests' live server) start at the instant too.
    with pinned_clock():
        yield


# Personal data as it could appear in a log line (independent of app/security.py's own patterns).
PERSONAL_DATA_IN_LOGS = {
    "CPR number": re.compile(r"(?<![\w.:/-])[0-3]\d[01]\d\d\d-?\d{4}(?![\w.:])"),
    "e-mail address": re.compile(r"[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+"),
    # 8 digits, or 2-2-2-2 with spaces (also as a URL writes them), after an optional +45.
    "phone number": re.compile(r"(?:(?<![\w.:/-])|(?<=%2B45)|(?<=%2b45))(?:\+45(?: |%20|\+)?)?"
                               r"(?:\d{8}|\d\d(?: |%20|\+)\d\d(?: |%20|\+)\d\d(?: |%20|\+)\d\d)(?![\w.:])"),
}
# Loggers of the tests' own stand-ins (aiosmtpd's SMTP server), not of Min Plan.
NOT_THE_APPS_LOGS = ("mail.log",)


class LogKeeper(logging.Handler):
    """Every log record of the run, as its logger made it: no handler filter applies here (the
    app's masking must happen at the loggers, whatever handler production has)."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def addFilter(self, filter):  # noqa: A002  (create_app adds its mask to every root handler)
        pass

    def emit(self, record):
        if not record.name.startswith(NOT_THE_APPS_LOGS):
            self.lines.append(f"{record.name} {record.levelname} {record.getMessage()}")


def personal_data_in(lines) -> list[str]:
    return [f"{kind} in: {line[:300]}" for line in lines
            for kind, pattern in PERSONAL_DATA_IN_LOGS.items() if pattern.search(line)]


@pytest.fixture(scope="session", autouse=True)
def _no_personal_data_in_the_logs_of_the_run():
    """All the run's logs (Min Plan's at INFO and above) hold no CPR number, e-mail address or phone
    number: checked once, when the run ends (an error at the last test's teardown names them)."""
    keeper, root = LogKeeper(), logging.getLogger()
    level = root.level
    root.addHandler(keeper)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    yield keeper
    root.removeHandler(keeper)
    root.setLevel(level)
    found = personal_data_in(keeper.lines)
    assert not found, "personal data in the run's logs:\n" + "\n".join(found[:20])


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "timed_waits_across_processes: waits with timeouts on real child processes; "
                   "libfaketime cannot move those waits with the clock, so `make test-clock` runs these "
                   "at its instants with MINPLAN_TEST_NOW only, not under faketime.")
    config.addinivalue_line(
        "markers", "instant(when, why): run this test (and build its demo data) at `when`, Copenhagen "
                   "wall time 'YYYY-MM-DD HH:MM', instead of the run's instant; `why` says what the "
                   "test needs of that moment (a rule set, a weekday, a holiday, a time of day).")


@pytest.fixture(autouse=True)
def _clock(request):
    # Every test starts at the same instant, however long the tests before it took; a test that
    # needs a particular moment names it with @pytest.mark.instant, and its fixtures (the demo
    # data among them) are built at that moment too, since this fixture runs before them.
    marker = request.node.get_closest_marker("instant")
    if marker is not None:
        assert len(marker.args) == 2 and marker.args[1], "@pytest.mark.instant(when, why): say why"
    with time_machine.travel(parse(marker.args[0]) if marker else now_of_run(), tick=True):
        yield


@pytest.fixture
def app(tmp_path):
    app = create_app({"TESTING": True, "ENV_NAME": "test", "SECRET_KEY": "test-secret",
                      "WTF_CSRF_ENABLED": False, "DATABASE": str(tmp_path / "test.sqlite")})
    db = connect(app.config["DATABASE"])
    demo.load(db)
    db.conn.close()
    yield app


@pytest.fixture
def csrf_app(tmp_path):
    """The app as in production: CSRF checked on every form (with demo data)."""
    app = create_app({"TESTING": True, "SECRET_KEY": "s", "DATABASE": str(tmp_path / "c.sqlite")})
    db = connect(app.config["DATABASE"])
    demo.load(db)
    db.conn.close()
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def db(app):
    conn = connect(app.config["DATABASE"])
    yield conn
    conn.conn.close()


def citizen_id(db, name: str) -> int:
    return db.execute("SELECT id FROM citizens WHERE name = ?", [name]).fetchone()[0]


def login_citizen(client, db, name: str = "Mette Jensen"):
    response = client.post("/log-ind/mitid", data={"citizen": citizen_id(db, name)})
    assert response.status_code == 302, response.data[:500]
    return response


def login_caseworker(client, email: str = "anne@fjordby.example", password: str = demo.DEMO_PASSWORD):
    return client.post("/log-ind/medarbejder", data={"email": email, "password": password})


def csrf_token_from(html: bytes) -> str:
    match = re.search(rb'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1).decode()


def rules_today(group: str):
    """The rules the app applies at this run's instant: what a test of general behaviour expects."""
    from app import clock
    from app.rules import rules_for
    return rules_for(group, clock.today())


def group_of(db, name: str) -> str:
    return db.execute("SELECT target_group FROM citizens WHERE name = ?", [name]).fetchone()[0]


def only_entry_today(db, name: str) -> None:
    """Leave the citizen exactly one joblog entry, dated today: the current period's count is then 1
    whatever the rules' period is (a week or a month) and whatever the weekday."""
    from app import clock
    cid = citizen_id(db, name)
    now = clock.to_db(clock.now())
    db.execute("DELETE FROM joblog_entries WHERE citizen_id = ?", [cid])
    db.execute("INSERT INTO joblog_entries (citizen_id, kind, employer, job_title, applied_on, status, created_at,"
               " updated_at) VALUES (?, 'advertised', 'Fjordby Lager A/S', 'Lagermedarbejder', ?, 'sent', ?, ?)",
               [cid, clock.today().isoformat(), now, now])


@contextmanager
def serving(app):
    """The app on a real threaded HTTP server on loopback (one thread per request, as in
    production); yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(10)
