"""The index of joblogs that need attention, kept up to date on write (migration 0022).

"I dag" and /sagsbehandler/joblog read one page of it with one indexed query instead of judging
every citizen of the municipality on every view. Triggers mark a citizen dirty whenever their
entries, their requirement (or its log), their target group or its start change, whatever code
writes; `refresh` judges the dirty citizens again before a read. A new day moves periods on and
brings deadlines closer for everyone, so the first read of a day (or the scheduler's
housekeeping, before anyone asks) judges the whole municipality once."""
from datetime import date

from .. import clock
from ..db import transaction
from . import overview

# More dirty citizens than this (a bulk import, say): judge the whole municipality at once,
# cheaper than one by one. SETTING.
FULL_REBUILD_ABOVE = 500

_CITIZEN = "SELECT id, name, target_group, group_since, municipality_id FROM citizens"


def _fresh(db, municipality_id: int, today: date) -> bool:
    row = db.execute("SELECT computed_on FROM joblog_watch_days WHERE municipality_id = ?",
                     [municipality_id]).fetchone()
    return row is not None and row[0] == today.isoformat()


def _has_dirty(db) -> bool:
    return db.execute("SELECT EXISTS (SELECT 1 FROM joblog_watch_dirty)").fetchone()[0] == 1


def refresh(db, municipality_id: int, today: date | None = None) -> None:
    """Bring the municipality's rows up to `today` and every dirty citizen up to date."""
    today = today or clock.today()
    if _fresh(db, municipality_id, today) and not _has_dirty(db):
        return
    with transaction(db):
        # Checked again under the write lock: another worker may just have done it.
        if not _fresh(db, municipality_id, today):
            _rebuild(db, municipality_id, today)
        dirty = [r[0] for r in db.execute("SELECT citizen_id FROM joblog_watch_dirty LIMIT ?", [FULL_REBUILD_ABOVE + 1])]
        if len(dirty) > FULL_REBUILD_ABOVE:
            municipalities = [r[0] for r in db.execute(
                "SELECT DISTINCT c.municipality_id FROM joblog_watch_dirty d JOIN citizens c ON c.id = d.citizen_id")]
            for other in municipalities:
                _rebuild(db, other, today)
            db.execute("DELETE FROM joblog_watch_dirty")
            return
        for citizen_id in dirty:
            _rejudge(db, citizen_id, today)


def _rebuild(db, municipality_id: int, today: date) -> None:
    flagged = overview.flag(db, municipality_id, today)
    db.execute("DELETE FROM joblog_watch WHERE municipality_id = ?", [municipality_id])
    db.conn.executemany(
        "INSERT OR REPLACE INTO joblog_watch (citizen_id, municipality_id, name, at_risk_deadline, missed)"
        " VALUES (?, ?, ?, ?, ?)",
        [(key[3], municipality_id, key[2], None if key[0] else key[1].isoformat(), int(missed))
         for key, missed, *_rest in flagged])
    db.execute("INSERT INTO joblog_watch_days (municipality_id, computed_on) VALUES (?, ?)"
               " ON CONFLICT (municipality_id) DO UPDATE SET computed_on = excluded.computed_on",
               [municipality_id, today.isoformat()])
    db.execute("DELETE FROM joblog_watch_dirty WHERE citizen_id IN (SELECT id FROM citizens WHERE municipality_id = ?)",
               [municipality_id])


def _rejudge(db, citizen_id: int, today: date) -> None:
    db.execute("DELETE FROM joblog_watch_dirty WHERE citizen_id = ?", [citizen_id])
    rows = [dict(r) for r in db.query(_CITIZEN + " WHERE id = ?", [citizen_id])]
    if not rows:
        db.execute("DELETE FROM joblog_watch WHERE citizen_id = ?", [citizen_id])
        return
    citizen = rows[0]
    if not _fresh(db, citizen["municipality_id"], today):
        return  # that municipality is judged in full at its next read
    watch = overview.watch_for(db, citizen, today)
    if watch.at_risk is None and watch.missed is None:
        db.execute("DELETE FROM joblog_watch WHERE citizen_id = ?", [citizen_id])
        return
    db.execute("INSERT OR REPLACE INTO joblog_watch (citizen_id, municipality_id, name, at_risk_deadline, missed)"
               " VALUES (?, ?, ?, ?, ?)",
               [citizen_id, citizen["municipality_id"], citizen["name"],
                watch.at_risk.period.deadline.isoformat() if watch.at_risk else None, int(watch.missed is not None)])


def page(db, municipality_id: int, *, offset: int = 0, limit: int | None = None) -> tuple[list[dict], int]:
    """(the page's citizens in the lists' order, how many in all)."""
    total = db.execute("SELECT COUNT(*) FROM joblog_watch WHERE municipality_id = ?", [municipality_id]).fetchone()[0]
    rows = [dict(r) for r in db.query(
        "SELECT c.id, c.name, c.target_group, c.group_since, c.municipality_id FROM joblog_watch w"
        " JOIN citizens c ON c.id = w.citizen_id WHERE w.municipality_id = ?"
        " ORDER BY w.at_risk_deadline IS NULL, w.at_risk_deadline, w.name, w.citizen_id LIMIT ? OFFSET ?",
        [municipality_id, -1 if limit is None else limit, offset])]
    return rows, total


def needing_attention_count(db, municipality_id: int, today: date | None = None) -> int:
    """How many of the municipality's citizens have a joblog at risk or missed today: the
    caseworker menu's count (the same number as "I dag"'s panel), one indexed COUNT once the
    index is up to date."""
    refresh(db, municipality_id, today)
    return db.execute("SELECT COUNT(*) FROM joblog_watch WHERE municipality_id = ?", [municipality_id]).fetchone()[0]
