"""Backups: `flask backup PATH` copies the live database while it is being written, and Litestream
(litestream.yml, `make replicate`, `make run LITESTREAM=1`) replicates it continuously to a file
replica that restores with every committed row."""
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app import serve
from app.db import connect

ROOT = Path(__file__).resolve().parents[1]
LITESTREAM = Path(sys.executable).parent / "litestream"


class Writer(threading.Thread):
    """Commits joblog entries one by one on its own connection, as the app does, and remembers the
    id of every row whose COMMIT returned (the write the app would have acknowledged)."""

    def __init__(self, path: str, citizen: int, pause: float = 0.0):
        super().__init__(daemon=True)
        self.path, self.citizen, self.pause = path, citizen, pause
        self.committed: list[int] = []
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def run(self):
        db = connect(self.path)
        try:
            while not self.stop.is_set():
                db.conn.execute("BEGIN IMMEDIATE")
                cursor = db.conn.execute(
                    "INSERT INTO joblog_entries (citizen_id, kind, employer, job_title, applied_on, status,"
                    " created_at, updated_at) VALUES (?, 'advertised', 'Backup A/S', ?, '2026-11-17', 'sent',"
                    " '2026-11-17T08:40:00Z', '2026-11-17T08:40:00Z')", [self.citizen, "x" * 200])
                db.conn.execute("COMMIT")
                self.committed.append(cursor.lastrowid)
                if self.pause:
                    time.sleep(self.pause)
        except BaseException as error:  # seen by the test, not lost in the thread
            self.error = error
        finally:
            db.conn.close()

    def finish(self) -> list[int]:
        self.stop.set()
        self.join(30)
        assert self.error is None, self.error
        return self.committed


def _ids(path: Path) -> set[int]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {row[0] for row in conn.execute("SELECT id FROM joblog_entries WHERE employer = 'Backup A/S'")}
    finally:
        conn.close()


def _grow(path: str, citizen: int, rows: int = 20000) -> None:
    """Make the database big enough that a copy takes a while (writes land during it)."""
    db = connect(path)
    with db.conn:
        db.conn.executemany(
            "INSERT INTO joblog_entries (citizen_id, kind, employer, job_title, applied_on, status, created_at,"
            " updated_at) VALUES (?, 'advertised', 'Fyld ApS', ?, '2026-11-16', 'sent', 'x', 'x')",
            [(citizen, "y" * 400) for _ in range(rows)])
    db.conn.close()


def test_flask_backup_while_the_database_is_written(app, tmp_path):
    path = app.config["DATABASE"]
    _grow(path, 1)
    writer = Writer(path, 1)
    writer.start()
    while len(writer.committed) < 50:
        time.sleep(0.01)
    before = list(writer.committed)  # acknowledged before the backup started
    target = tmp_path / "backup" / "copy.sqlite"
    result = app.test_cli_runner().invoke(args=["backup", str(target)])
    during = len(writer.committed) - len(before)
    committed = writer.finish()
    assert result.exit_code == 0, result.output
    assert "integrity check ok" in result.output
    assert during > 0  # the app went on writing while the copy was made
    copied = _ids(target)
    assert set(before) <= copied                    # nothing acknowledged before the start is missing
    assert copied <= set(committed)                 # nothing that was not committed
    assert copied == set(committed[:len(copied)])   # one moment: every commit up to it, none after
    assert not Path(str(target) + "-wal").exists() and not (tmp_path / "backup" / "copy.sqlite.partial").exists()
    # The copy is a working Min Plan database.
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT COUNT(*) FROM citizens").fetchone()[0] > 0
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    copy.close()


def test_flask_backup_never_overwrites(app, tmp_path):
    target = tmp_path / "there.sqlite"
    target.write_bytes(b"keep")
    result = app.test_cli_runner().invoke(args=["backup", str(target)])
    assert result.exit_code != 0 and "exists already" in result.output
    assert target.read_bytes() == b"keep"


def _restore(replica_url: str, database: str, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LITESTREAM), "restore", "-config", str(ROOT / "litestream.yml"), "-o", str(out),
                           database], env={**os.environ, "MINPLAN_DATABASE": database,
                                           "LITESTREAM_REPLICA_URL": replica_url},
                          capture_output=True, text=True, timeout=60)


@pytest.mark.timed_waits_across_processes
def test_litestream_replica_restores_every_committed_row(app, tmp_path):
    """litestream.yml as `make replicate` runs it, a file replica, writes all along; then the
    replica restored into a new file holds every row whose commit returned."""
    path = app.config["DATABASE"]
    replica = tmp_path / "replica"
    url = f"file://{replica}"
    log = (tmp_path / "litestream.log").open("w")
    replicating = subprocess.Popen([str(LITESTREAM), "replicate", "-config", str(ROOT / "litestream.yml")],
                                   env={**os.environ, "MINPLAN_DATABASE": path, "LITESTREAM_REPLICA_URL": url},
                                   stdout=log, stderr=subprocess.STDOUT)
    writer = Writer(path, 1, pause=0.005)
    try:
        writer.start()
        time.sleep(4)  # writes while several sync intervals (1 s) pass
        committed = writer.finish()
        assert len(committed) > 100
        restored, attempts = set(), 0
        while not set(committed) <= restored and attempts < 30:  # the last sync is at most a second away
            attempts += 1
            time.sleep(1)
            out = tmp_path / f"restored-{attempts}.sqlite"
            done = _restore(url, path, out)
            if done.returncode == 0:
                restored = _ids(out)
        assert set(committed) <= restored, (len(committed), len(restored), (tmp_path / "litestream.log").read_text())
        assert restored == set(committed)
        assert replicating.poll() is None  # it kept replicating throughout
    finally:
        writer.stop.set()
        replicating.send_signal(signal.SIGTERM)
        replicating.wait(30)
        log.close()
    assert "replicating to" in (tmp_path / "litestream.log").read_text()


def test_make_run_starts_litestream_only_when_asked(monkeypatch):
    monkeypatch.delenv("LITESTREAM", raising=False)
    assert serve.litestream_command() is None
    monkeypatch.setenv("LITESTREAM", "1")
    command = serve.litestream_command()
    assert Path(command[0]).is_file() and command[1:3] == ["replicate", "-config"]
    env = serve._litestream_env({"PATH": "/bin"})
    assert env["MINPLAN_DATABASE"].endswith("instance/minplan.sqlite")
    assert env["LITESTREAM_REPLICA_URL"].startswith("file://") and env["LITESTREAM_REPLICA_URL"].endswith("instance/replica")
