"""Command-line: demo data, the reminder scheduler, backups, translations."""
import subprocess
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from . import demo
from .db import get_db

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"


@click.command("demo-data")
@click.option("--if-empty", is_flag=True, help="Only when the database holds no citizens.")
@click.option("--reset", is_flag=True, help="Delete the database file first.")
@with_appcontext
def demo_data(if_empty, reset):
    """Fill the database with demo municipalities, caseworkers and citizens."""
    if reset:
        from . import db as db_module
        db_module.close_db()
        path = Path(current_app.config["DATABASE"])
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        conn = db_module.connect(str(path))
        db_module.migrate(conn)
        conn.conn.close()
    if demo.load(get_db(), if_empty=if_empty):
        click.echo(f"Demo data loaded. Caseworker password: {demo.DEMO_PASSWORD}")
    else:
        click.echo("The database already holds data; left as it is.")


@click.group("reminders")
def reminders():
    """The reminder scheduler."""


@reminders.command("run")
@with_appcontext
def reminders_run():
    """Run the scheduler in this process (one process only, so nothing is sent twice)."""
    from .scheduler import run_blocking
    run_blocking(current_app._get_current_object())


@reminders.command("sweep")
@with_appcontext
def reminders_sweep():
    """Run one reminder sweep now: queue what is due and deliver it."""
    from .notify.sweep import sweep
    from .scheduler import orderly_stop
    with orderly_stop(leave=False) as stop:  # SIGTERM/SIGINT: finish the message in hand, then end
        counts = sweep(current_app._get_current_object(), stop=stop)
    click.echo(", ".join(f"{name}: {n}" for name, n in sorted(counts.items())) or "Nothing to do.")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@with_appcontext
def backup(path):
    """A consistent copy of the live database in PATH (a new file), while the app goes on writing."""
    from .db import backup as backup_db
    try:
        size = backup_db(current_app.config["DATABASE"], path)
    except FileExistsError:
        raise click.ClickException(f"{path} exists already; give a new file.")
    click.echo(f"Backup written to {path} ({size} bytes), integrity check ok.")


@click.group("translate")
def translate():
    """Extract, update, compile and check the translations."""


def _pybabel(*args):
    subprocess.run([str(Path(sys.executable).parent / "pybabel"), "-q", *args], check=True, cwd=ROOT)


@translate.command("update")
def translate_update():
    """Extract messages and merge them into every catalogue."""
    pot = TRANSLATIONS / "messages.pot"
    _pybabel("extract", "-F", "translations/babel.cfg", "-k", "_l", "--no-location",
             "--sort-output", "-o", str(pot), "app", "templates")
    # Width 100, as the catalogues are written (and as _fill_source_locale writes), so an update
    # changes only the messages that changed.
    _pybabel("update", "-i", str(pot), "-d", str(TRANSLATIONS), "--no-fuzzy-matching",
             "--ignore-obsolete", "-w", "100")
    _fill_source_locale(TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po")


def _fill_source_locale(po_path: Path):
    """Messages are written in English, so the English catalogue's text is the message itself."""
    from babel.messages.pofile import read_po, write_po
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            if not all(message.string):
                message.string = (message.id[0], message.id[1])
        elif not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")
    with po_path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, include_previous=False)


@translate.command("compile")
def translate_compile():
    _pybabel("compile", "-d", str(TRANSLATIONS))


@translate.command("check")
def translate_check():
    """Fail when a message is missing, untranslated or fuzzy in any catalogue."""
    from .i18n_check import problems
    found = problems()
    for line in found:
        click.echo(line)
    if found:
        raise SystemExit(1)
    click.echo("All messages are translated.")


def init_app(app):
    app.cli.add_command(demo_data)
    app.cli.add_command(backup)
    app.cli.add_command(reminders)
    app.cli.add_command(translate)
