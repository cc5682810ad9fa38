"""Numbered migrations, applied at start-up and recorded; an old database is upgraded."""
import pytest

from app import create_app
from app.db import applied_versions, available_migrations, connect, migrate


def test_a_database_made_by_the_first_migration_is_upgraded_to_the_latest(tmp_path):
    path = str(tmp_path / "old.sqlite")
    db = connect(path)
    assert migrate(db, target=1) == [1]
    db.execute("INSERT INTO municipalities (code, name, jobcenter_name) VALUES ('1', 'K', 'J')")
    db.execute("INSERT INTO citizens (municipality_id, cpr, name, target_group, group_since, created_at, updated_at)"
               " VALUES (1, '0101010101', 'Old Citizen', 'dagpenge', '2026-01-01', 'x', 'x')")
    assert "joblog_requirements" not in db.table_names()
    db.conn.close()

    create_app({"TESTING": True, "DATABASE": path})  # start-up runs what is pending

    db = connect(path)
    latest = [version for version, _name, _path in available_migrations()]
    assert applied_versions(db) == latest
    assert "joblog_requirements" in db.table_names()
    row = db.execute("SELECT name, employment_status FROM citizens").fetchone()
    assert tuple(row) == ("Old Citizen", None)  # data kept, new column there
    assert migrate(db) == []  # nothing applied twice


def test_wal_foreign_keys_and_busy_timeout(tmp_path):
    db = connect(str(tmp_path / "x.sqlite"))
    migrate(db)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_audit_log_is_append_only(db):
    db.execute("INSERT INTO audit_log (at, actor_type, action, entity) VALUES ('x', 'system', 'a', 'b')")
    import sqlite3
    import pytest
    with pytest.raises(sqlite3.DatabaseError):
        db.execute("UPDATE audit_log SET action = 'c'")
    with pytest.raises(sqlite3.DatabaseError):
        db.execute("DELETE FROM audit_log")


# Each process imports the app, waits until the test says go, then migrates: so they really start
# on the fresh database at the same moment. `mode` is "cli" (`flask db upgrade`) or "start-up"
# (create_app with MIGRATE_ON_START, as `flask run` and the tests do).
_MIGRATOR = r"""
import os, sys, time
from pathlib import Path
go = Path(sys.argv[2])
from flask.cli import main
from app import create_app
deadline = time.monotonic() + 30
while not go.exists() and time.monotonic() < deadline:
    time.sleep(0.005)
if sys.argv[1] == "cli":
    sys.argv = ["flask", "db", "upgrade"]
    main()
else:
    create_app({"TESTING": True, "SECRET_KEY": "s", "MIGRATE_ON_START": True})
    print("started")
"""


def _migrate_at_once(tmp_path, mode: str, processes: int = 4):
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    path = tmp_path / "fresh.sqlite"
    go = tmp_path / "go"
    env = {**os.environ, "FLASK_APP": "wsgi.py", "MINPLAN_DATABASE": str(path),
           "MINPLAN_MIGRATE_ON_START": "0", "MINPLAN_CONFIG": "development"}
    started = [subprocess.Popen([sys.executable, "-c", _MIGRATOR, mode, str(go)], cwd=root, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(processes)]
    time.sleep(1.5)  # all of them imported and waiting
    go.touch()
    results = [(p.wait(timeout=60), *p.communicate()) for p in started]
    return path, results


def _assert_schema_once(path):
    db = connect(str(path))
    latest = [version for version, _name, _path in available_migrations()]
    rows = db.execute("SELECT version, COUNT(*) FROM schema_migrations GROUP BY version ORDER BY version").fetchall()
    assert [tuple(r) for r in rows] == [(v, 1) for v in latest]
    assert db.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'municipalities'").fetchone()[0] == 1
    db.conn.close()


@pytest.mark.timed_waits_across_processes
def test_four_processes_running_flask_db_upgrade_at_once_all_succeed(tmp_path):
    path, results = _migrate_at_once(tmp_path, "cli")
    for code, out, err in results:
        assert code == 0, err[-2000:]
    _assert_schema_once(path)
    # Every migration was applied by exactly one of them; the others found it recorded.
    applied = []
    for _code, out, _err in results:
        line = out.strip().splitlines()[-1]
        if line.startswith("Applied migrations: "):
            applied += [int(v) for v in line.removeprefix("Applied migrations: ").split(", ")]
        else:
            assert line == "Database is up to date.", out
    assert sorted(applied) == [version for version, _name, _path in available_migrations()]


@pytest.mark.timed_waits_across_processes
def test_four_apps_starting_on_a_fresh_database_at_once_all_start(tmp_path):
    path, results = _migrate_at_once(tmp_path, "start-up")
    for code, out, err in results:
        assert code == 0 and out.strip() == "started", err[-2000:]
    _assert_schema_once(path)


def test_migration_scripts_split_into_statements_sqlite_accepts():
    from app.db import statements
    script = ("-- a comment; with a semicolon\nCREATE TABLE t (a TEXT DEFAULT 'x;y');\n"
              "CREATE TRIGGER tr BEFORE DELETE ON t\nBEGIN SELECT RAISE(ABORT, 'no; never'); END;\n-- the end\n")
    found = statements(script)
    assert len(found) == 2
    assert found[1].startswith("CREATE TRIGGER") and found[1].endswith("END;")


def test_an_app_with_migrate_on_start_off_leaves_the_database_alone(tmp_path):
    path = tmp_path / "untouched.sqlite"
    create_app({"TESTING": True, "DATABASE": str(path), "MIGRATE_ON_START": False})
    db = connect(str(path))
    assert applied_versions(db) == []
    assert migrate(db) == [version for version, _name, _path in available_migrations()]
    db.conn.close()
