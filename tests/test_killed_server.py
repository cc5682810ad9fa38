"""The app as a real process under gunicorn (two workers) on a real SQLite file: several clients
write through the real forms with CSRF (joblog entries, bookings, cancellations); part way the
master and the workers are killed with SIGKILL; restarted on the same file, every write that got
a success answer is there, once and whole (its audit entry beside it), and the file passes
PRAGMA integrity_check."""
import http.cookiejar
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from .conftest import personal_data_in
from .test_server import ROOT, _env, descendants, free_port, wait_until_up
from .webforms import page_forms

# Real servers, waited for with timeouts: `make test-clock` runs these without faketime.
pytestmark = pytest.mark.timed_waits_across_processes

JOBLOG_WRITERS = ("Mette Jensen", "Ali Hassan", "Jonas Madsen", "Emma Holm")
ENTRIES_EACH = 80   # 320 joblog entries asked for in all; the kill comes long before
KILL_AFTER = 100    # acknowledged joblog entries


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  _NoRedirect)

    def open(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        """(status, Location, body) of one request; redirects are not followed."""
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=30) as response:
                return response.status, response.headers.get("Location", ""), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", ""), error.read().decode(errors="replace")

    def submit(self, path: str, **values) -> tuple[int, str]:
        """GET the page, fill in its form as a browser would, POST it: (status, Location)."""
        status, _location, page = self.open(path)
        assert status == 200, (path, status)
        action, fields, _form = page_forms(page)[0]
        status, location, _body = self.open(action or path, {**fields, **values})
        return status, location

    def login(self, citizen_id: int):
        status, location = self.submit("/log-ind/mitid", citizen=str(citizen_id))
        assert status == 302 and "/log-ind" not in location, (status, location)


def _ids(path, sql, *args):
    conn = sqlite3.connect(path)
    try:
        return {tuple(r) if len(r) > 1 else r[0] for r in conn.execute(sql, args)}
    finally:
        conn.close()


def _start(env, log):
    with log.open("a") as out:
        return subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=ROOT,
                                env=env, stdout=out, stderr=subprocess.STDOUT)


def test_sigkill_mid_writes_loses_no_acknowledged_write(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = _env(tmp_path, port, WEB_CONCURRENCY="2", MINPLAN_MIGRATE_ON_START="0")
    database = env["MINPLAN_DATABASE"]
    for command in (["db", "upgrade"], ["demo-data"]):
        done = subprocess.run([sys.executable, "-m", "flask", *command], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    people = dict(_ids(database, "SELECT name, id FROM citizens"))
    log = tmp_path / "gunicorn.log"
    server = _start(env, log)
    acked = {"joblog": [], "booked": [], "cancelled": []}
    attempted = {"joblog": []}
    lock = threading.Lock()
    enough = threading.Event()

    def write_joblog(name):
        browser = Browser(base)
        browser.login(people[name])
        for i in range(ENTRIES_EACH):
            title = f"Kill {people[name]}-{i}"
            with lock:
                attempted["joblog"].append(title)
            status, location = browser.submit("/joblog/ny", employer="Kill A/S", job_title=title)
            assert status == 302 and "/log-ind" not in location, (status, location)
            with lock:
                acked["joblog"].append(title)
                if len(acked["joblog"]) >= KILL_AFTER and acked["booked"] and acked["cancelled"]:
                    enough.set()  # kill while the joblog writers are still busy

    def book_and_cancel():
        """Each citizen with an open invitation books its first free time, then cancels it."""
        for citizen, invitation in sorted(_ids(database, "SELECT citizen_id, id FROM booking_invitations"
                                                          " WHERE status = 'open'")):
            browser = Browser(base)
            browser.login(citizen)
            status, _location, page = browser.open(f"/samtaler/book/{invitation}")
            assert status == 200
            day = re.search(r'href="[^"]*\?dag=([0-9-]+)"', page)  # several days: choose the first, then a time
            if day:
                status, _location, page = browser.open(f"/samtaler/book/{invitation}?dag={day.group(1)}")
                assert status == 200
            time = re.search(rf'href="(/samtaler/book/{invitation}/tid/\d+)"', page).group(1)
            status, location = browser.submit(time, format="phone")
            assert status == 302, (status, location)
            conversation = int(re.search(r"/samtaler/(\d+)/kvittering", location).group(1))
            with lock:
                acked["booked"].append(conversation)
            status, location = browser.submit(f"/samtaler/{conversation}/afbud", reason="sickness")
            assert status == 302 and "/afbud/kvittering" in location, (status, location)
            with lock:
                acked["cancelled"].append(conversation)

    def cancel_existing():
        for citizen, conversation in sorted(_ids(database, "SELECT citizen_id, id FROM conversations WHERE status"
                                                           " = 'booked' AND starts_at > datetime('now')")):
            if citizen in (people[n] for n in JOBLOG_WRITERS):
                continue
            browser = Browser(base)
            browser.login(citizen)
            status, location = browser.submit(f"/samtaler/{conversation}/afbud", reason="work")
            if status == 302 and "/afbud/kvittering" in location:
                with lock:
                    acked["cancelled"].append(conversation)

    failures = []

    def run(target, *args):
        def wrapped():
            try:
                target(*args)
            except (OSError, urllib.error.URLError, AssertionError, AttributeError) as error:
                # After the kill: refused connections, cut answers. Before it, a real failure.
                if not enough.is_set():
                    failures.append(repr(error))
        return threading.Thread(target=wrapped, daemon=True)

    try:
        wait_until_up(base, server, log)
        clients = [run(write_joblog, name) for name in JOBLOG_WRITERS] + [run(book_and_cancel), run(cancel_existing)]
        for client in clients:
            client.start()
        assert enough.wait(180), (failures, log.read_text()[-3000:])
        victims = [server.pid, *descendants(server.pid)]
        for pid in victims:  # master and workers at once, mid-request
            os.kill(pid, signal.SIGKILL)
        server.wait(30)
        for client in clients:
            client.join(60)
        assert not failures, failures
        assert len(acked["joblog"]) < len(JOBLOG_WRITERS) * ENTRIES_EACH  # the kill came part way

        server = _start(env, log)  # the same file, after the kill
        wait_until_up(base, server, log)
        conn = sqlite3.connect(database)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()

        titles = [r[0] for r in sqlite3.connect(database).execute(
            "SELECT job_title FROM joblog_entries WHERE employer = 'Kill A/S'")]
        assert set(acked["joblog"]) <= set(titles)                 # every acknowledged entry is there
        assert len(titles) == len(set(titles))                      # once
        assert set(titles) <= set(attempted["joblog"])              # and only what was sent
        assert len(titles) - len(acked["joblog"]) <= len(JOBLOG_WRITERS)  # at most the ones in flight
        # Whole: each entry has all its fields and its audit entry (one transaction).
        half = _ids(database, "SELECT e.id FROM joblog_entries e WHERE e.employer = 'Kill A/S' AND (e.applied_on IS NULL"
                              " OR e.status IS NULL OR NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id = e.id"
                              " AND a.action = 'joblog_entry_created'))")
        assert not half
        for conversation in acked["booked"]:
            audit = _ids(database, "SELECT action FROM audit_log WHERE entity = 'conversation' AND entity_id = ?",
                         conversation)
            assert "conversation_booked" in audit
        for conversation in acked["cancelled"]:
            status = _ids(database, "SELECT status FROM conversations WHERE id = ?", conversation)
            assert status == {"cancelled_citizen"}
            assert "conversation_cancelled" in _ids(
                database, "SELECT action FROM audit_log WHERE entity = 'conversation' AND entity_id = ?", conversation)
        # No time is booked twice, none half-booked.
        assert not _ids(database, "SELECT slot_id FROM conversations WHERE slot_id IS NOT NULL AND status IN"
                                  " ('booked', 'held') GROUP BY slot_id HAVING COUNT(*) > 1")

        # And the restarted server serves what was acknowledged.
        browser = Browser(base)
        browser.login(people[JOBLOG_WRITERS[0]])
        status, _location, page = browser.open("/joblog")
        assert status == 200
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
    assert len(acked["joblog"]) >= KILL_AFTER and acked["booked"] and acked["cancelled"]
    # gunicorn's own log and its access log, over the whole run: no personal data. A worker writes
    # its access line after the answer has gone, so the kill may take the line of an answer
    # already acknowledged: at most one per writer in flight.
    assert log.read_text().count('"POST /joblog/ny HTTP/1.1" 302') >= KILL_AFTER - len(JOBLOG_WRITERS)
    assert personal_data_in(log.read_text().splitlines()) == []
