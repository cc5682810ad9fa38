"""Numbered migrations, applied at start-up and recorded; an old database is upgraded."""
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
