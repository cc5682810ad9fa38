"""One SQLite connection per request (sqlite-utils over sqlite3), and the migrations runner."""
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import click
import sqlite_utils
from flask import current_app, g

from . import clock

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


def connect(path: str) -> sqlite_utils.Database:
    conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("PRAGMA synchronous=NORMAL")
    return sqlite_utils.Database(conn)


def get_db() -> sqlite_utils.Database:
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    return g.db


def close_db(_exc=None):
    db = g.pop("db", None)
    if db is not None:
        db.conn.close()


@contextmanager
def transaction(db: sqlite_utils.Database):
    """BEGIN IMMEDIATE so a write transaction takes the lock up front instead of failing midway."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def available_migrations() -> list[tuple[int, str, Path]]:
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = _NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), match.group(2), path))
    return found


def applied_versions(db: sqlite_utils.Database) -> list[int]:
    if "schema_migrations" not in db.table_names():
        return []
    return [row["version"] for row in db.query("SELECT version FROM schema_migrations ORDER BY version")]


def migrate(db: sqlite_utils.Database, target: int | None = None) -> list[int]:
    """Apply every migration not yet recorded, in order, each in its own transaction."""
    db.conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    done = set(applied_versions(db))
    newly = []
    for version, name, path in available_migrations():
        if version in done or (target is not None and version > target):
            continue
        script = path.read_text(encoding="utf-8")
        # executescript commits on its own, so the statements and the record go in one script.
        record = (
            f"INSERT INTO schema_migrations (version, name, applied_at) "
            f"VALUES ({version}, '{name}', '{clock.to_db(clock.now())}');"
        )
        try:
            db.conn.executescript(f"BEGIN IMMEDIATE;\n{script}\n{record}\nCOMMIT;")
        except sqlite3.Error:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        newly.append(version)
    return newly


def init_app(app):
    app.teardown_appcontext(close_db)
    Path(app.config["DATABASE"]).parent.mkdir(parents=True, exist_ok=True)
    db = connect(app.config["DATABASE"])
    try:
        migrate(db)
    finally:
        db.conn.close()
    app.cli.add_command(migrate_command)


@click.command("migrate")
def migrate_command():
    """Apply pending database migrations (they also run at start-up)."""
    applied = migrate(get_db())
    click.echo(f"Applied: {applied}" if applied else "Database is up to date.")
