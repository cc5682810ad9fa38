"""One SQLite connection per request (sqlite-utils over sqlite3), and the migrations runner."""
import re
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path

import click
import sqlite_utils
from flask import current_app, g
from flask.cli import with_appcontext

from . import clock, memo

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


def connect(path: str) -> sqlite_utils.Database:
    conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    _use_wal(conn)
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("PRAGMA synchronous=NORMAL")
    return sqlite_utils.Database(conn)


def _use_wal(conn: sqlite3.Connection, attempts: int = 200) -> None:
    """Switch a database to WAL. On a fresh file several processes starting at once race for the
    switch, and SQLite answers "database is locked" at once rather than waiting on the busy
    timeout, so wait and try again (a file already in WAL mode answers at once)."""
    for _ in range(attempts - 1):
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            time.sleep(0.05)
    conn.execute("PRAGMA journal_mode=WAL")


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
        memo.forget()  # what this request read before the change is not reused after it


def backup(source: str, target: str) -> int:
    """A consistent copy of the database at `source` in a new file `target`, with SQLite's online
    backup API, while other processes go on writing: the copy is the database as of one commit.
    All pages are copied in one step, inside one read transaction: in WAL mode writers go on
    meanwhile (their commits are not in the copy), and the copy never has to start over, as a
    stepwise copy would after every write from another connection. The copy is written beside the
    target and renamed into place, so `target` is never a half-written file. Returns its size."""
    target_path = Path(target)
    if target_path.exists():
        raise FileExistsError(target)
    target_path.parent.mkdir(parents=True, exist_ok=True)
    partial = target_path.with_name(target_path.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(source, timeout=10)
    try:
        src.execute("PRAGMA busy_timeout=10000")
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst, pages=-1)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
            if ok != "ok":
                raise RuntimeError(f"the copy failed its integrity check: {ok}")
        finally:
            dst.close()
    finally:
        src.close()
    partial.rename(target_path)
    return target_path.stat().st_size


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


def pending_migrations(db: sqlite_utils.Database) -> list[int]:
    """Versions not yet applied (a read; the runner decides again under the write lock)."""
    done = set(applied_versions(db))
    return [version for version, _name, _path in available_migrations() if version not in done]


def statements(script: str) -> list[str]:
    """A migration script as single statements: each ends at a semicolon that SQLite itself says
    completes a statement, so semicolons in strings, comments and trigger bodies stay inside."""
    found, pending = [], ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if not _only_comments(pending):
                found.append(pending.strip())
            pending = ""
    if not _only_comments(pending):
        raise ValueError(f"Unfinished statement at the end of a migration: {pending.strip()[:80]!r}")
    return found


def _only_comments(text: str) -> bool:
    lines = [line.strip() for line in text.splitlines()]
    return all(not line.strip(";") or line.startswith("--") for line in lines)


def migrate(db: sqlite_utils.Database, target: int | None = None) -> list[int]:
    """Apply every migration not yet recorded, in order, each in its own transaction.

    Safe when several processes start at once: each migration's transaction takes the write lock
    (BEGIN IMMEDIATE) *before* it reads whether the migration is applied, so a second process
    waits for the first and then finds the migration recorded instead of running it again."""
    db.conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    newly = []
    for version, name, path in available_migrations():
        if target is not None and version > target:
            break
        script = statements(path.read_text(encoding="utf-8"))
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            applied = db.conn.execute(
                "SELECT 1 FROM schema_migrations WHERE version = ?", [version]).fetchone()
            if not applied:
                for statement in script:
                    db.conn.execute(statement)
                db.conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [version, name, clock.to_db(clock.now())])
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        db.conn.execute("COMMIT")
        if not applied:
            newly.append(version)
    return newly


def init_app(app):
    app.teardown_appcontext(close_db)
    Path(app.config["DATABASE"]).parent.mkdir(parents=True, exist_ok=True)
    if app.config.get("MIGRATE_ON_START"):
        # Development and tests: one process, so migrating here is convenient. Servers with many
        # workers (gunicorn, production) run `flask db upgrade` once before the workers start.
        db = connect(app.config["DATABASE"])
        try:
            migrate(db)
        finally:
            db.conn.close()
    app.cli.add_command(db_group)


@click.group("db")
def db_group():
    """The database schema: numbered migrations in app/migrations."""


@db_group.command("upgrade")
@with_appcontext
def upgrade_command():
    """Apply pending migrations (safe to run from several processes at once)."""
    db = connect(current_app.config["DATABASE"])
    try:
        applied = migrate(db)
    finally:
        db.conn.close()
    click.echo(f"Applied migrations: {', '.join(map(str, applied))}" if applied else "Database is up to date.")


@db_group.command("check")
@with_appcontext
def check_command():
    """Exit 1 when migrations are pending (nothing is changed)."""
    db = connect(current_app.config["DATABASE"])
    try:
        pending = pending_migrations(db)
    finally:
        db.conn.close()
    if pending:
        click.echo(f"Pending migrations: {', '.join(map(str, pending))}; run `flask db upgrade`.")
        raise SystemExit(1)
    click.echo("Database is up to date.")
