"""The production runtime as real processes: gunicorn on a free port against a fresh database,
and `make run` (gunicorn beside the reminder scheduler) stopped by SIGTERM to make and by Ctrl-C."""
import gzip
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import brotli
import pytest

# Real servers, waited for with timeouts: `make test-clock` runs these without faketime.
pytestmark = pytest.mark.timed_waits_across_processes

ROOT = Path(__file__).resolve().parents[1]
IMMUTABLE = "public, max-age=31536000, immutable"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def wait_until_up(base: str, process: subprocess.Popen, log: Path, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server ended (exit {process.returncode}):\n{log.read_text()[-4000:]}")
        try:
            if fetch(f"{base}/healthz")[0] == 200:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    pytest.fail(f"no answer from {base}:\n{log.read_text()[-4000:]}")


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def descendants(pid: int) -> dict[int, str]:
    """pid -> command line of every process below pid."""
    tree, found, todo = _children(), {}, [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            try:
                found[child] = (Path("/proc") / str(child) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            todo.append(child)
    return found


def processes_below(pid: int, expected: dict[str, int], seconds: float = 30) -> dict[int, str]:
    """Wait until as many processes as expected run below pid, by what their command line holds
    (a worker may still be booting when the first one already answers)."""
    deadline = time.monotonic() + seconds
    while True:
        running = descendants(pid)
        counts = {key: sum(key in cmd for cmd in running.values()) for key in expected}
        if counts == expected or time.monotonic() > deadline:
            assert counts == expected, running
            return running
        time.sleep(0.2)


def wait_for_line(log: Path, text: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while text not in log.read_text():
        assert time.monotonic() < deadline, f"{text!r} not in:\n{log.read_text()[-3000:]}"
        time.sleep(0.2)


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _env(tmp_path: Path, port: int, **extra) -> dict:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("MAKE", "MFLAGS", "PROXY_FIX_", "MINPLAN_", "WEB_CONCURRENCY"))}
    env.update({"PORT": str(port), "HOST": "127.0.0.1", "MINPLAN_DATABASE": str(tmp_path / "fresh.sqlite"),
                "MINPLAN_CONFIG": "development", "FLASK_APP": "wsgi.py", "PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


def _decoded(headers: dict, body: bytes) -> bytes:
    encoding = headers.get("Content-Encoding")
    return brotli.decompress(body) if encoding == "br" else gzip.decompress(body) if encoding == "gzip" else body


def test_gunicorn_serves_a_fresh_database(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = _env(tmp_path, port, WEB_CONCURRENCY="2", PROXY_FIX_X_FOR="1", MINPLAN_MIGRATE_ON_START="0")
    upgrade = subprocess.run([sys.executable, "-m", "flask", "db", "upgrade"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=60)
    assert upgrade.returncode == 0, upgrade.stderr
    assert upgrade.stdout.startswith("Applied migrations: 1, 2")
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=ROOT,
                                  env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(base, server, log)
        processes_below(server.pid, {"gunicorn": 2})  # WEB_CONCURRENCY workers

        status, headers, body = fetch(f"{base}/log-ind", {"Accept-Encoding": "br",
                                                          "X-Forwarded-For": "203.0.113.7"})
        page = _decoded(headers, body).decode()
        assert status == 200 and headers["Content-Encoding"] == "br"
        assert "<title>" in page and "Min Plan" in page

        stylesheet = re.search(r'href="(/static/css/minplan\.[^"]+\.css)"', page).group(1)  # DKFDS, compiled
        status, headers, body = fetch(base + stylesheet, {"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert headers["Cache-Control"] == IMMUTABLE
        assert len(body) < len(gzip.decompress(body)) / 4

        with pytest.raises(urllib.error.HTTPError) as missing:
            fetch(f"{base}/static/node_modules/axe-core/axe.min.js")
        assert missing.value.code == 404

        assert fetch(f"{base}/log-ind/mitid?q=0101851234")[0] == 200  # a CPR number typed as a name
        with pytest.raises(urllib.error.HTTPError) as no_feed:  # a calendar address (issue 14)
            fetch(f"{base}/kalender/SecretCalendarToken1234567890abcdefXYZ.ics")
        assert no_feed.value.code == 404
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
    text = log.read_text()
    # The access log shows the client the one trusted proxy reported (PROXY_FIX_X_FOR=1).
    assert re.search(r'^203\.0\.113\.7 "GET /log-ind HTTP/1\.1" 200', text, re.MULTILINE), text[-3000:]
    assert "Shutting down: Master" in text
    assert "0101851234" not in text and "q=010185-XXXX" in text  # masked in the access log
    assert "SecretCalendarToken" not in text and "/kalender/[token]" in text


def test_gunicorn_refuses_to_start_while_migrations_are_pending(tmp_path):
    env = _env(tmp_path, free_port())
    done = subprocess.run([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "run `flask db upgrade` first" in done.stdout + done.stderr
    # The workers never migrated either: the fresh database has no schema.
    assert not (tmp_path / "fresh.sqlite").exists() or b"municipalities" not in (tmp_path / "fresh.sqlite").read_bytes()


def _make_run(tmp_path: Path):
    port = free_port()
    log = tmp_path / "make-run.log"
    with log.open("w") as out:
        make = subprocess.Popen(["make", "--no-print-directory", "run"], cwd=ROOT, env=_env(tmp_path, port),
                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)  # its own process group, as in a terminal
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, make, log, seconds=180)
        # The gunicorn master and two workers (WEB_CONCURRENCY default 2), and the scheduler.
        running = processes_below(make.pid, {"gunicorn": 3, "reminders run": 1})
        wait_for_line(log, "Scheduler started")  # past its start-up, so it can stop gracefully
        status, _headers, body = fetch(f"{base}/log-ind/mitid")
        assert status == 200 and "Mette Jensen" in body.decode()  # demo data loaded by make run
    except BaseException:
        os.killpg(make.pid, signal.SIGTERM)  # leave nothing running behind a failed test
        make.wait(timeout=30)
        raise
    return make, running, log


def _assert_all_ended(make: subprocess.Popen, running: dict[int, str], log: Path):
    try:
        make.wait(timeout=40)
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in running):
        time.sleep(0.1)
    left = {pid: cmd for pid, cmd in running.items() if alive(pid)}
    assert not left, (left, log.read_text()[-3000:])
    text = log.read_text()
    assert "Scheduler stopped" in text and "Shutting down: Master" in text, text[-3000:]


def test_make_run_serves_and_sigterm_to_make_stops_web_server_and_scheduler(tmp_path):
    make, running, log = _make_run(tmp_path)
    make.send_signal(signal.SIGTERM)  # to make alone, as a process manager would
    _assert_all_ended(make, running, log)


def test_make_run_stops_both_on_ctrl_c(tmp_path):
    make, running, log = _make_run(tmp_path)
    os.killpg(make.pid, signal.SIGINT)  # what the terminal sends on Ctrl-C: the whole foreground group
    _assert_all_ended(make, running, log)
