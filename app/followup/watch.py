"""The follow-up index behind the I dag panel, kept up to date on write (migration 0022).

The panel lists ten of a municipality's thousands of sick-listed citizens and counts the rest:
follow-ups due within a week or overdue, the information form or status answers in, near the
benefit limit, booked after a full return. `followup_watch` holds those facts per citizen, so
the panel counts with one indexed query and builds the overviews of the ones it lists only.
Triggers mark a citizen dirty when their sick-leave case, form, follow-up conversations, status
answers, requests or their own row change; `refresh` judges those again before a read. Deadlines
come closer by the day, so the first read of a day (or the scheduler's housekeeping before
anyone asks) judges the whole municipality once."""
from datetime import date, datetime

from .. import clock
from ..db import transaction
from . import overview, queries, queue

# More dirty citizens than this: judge the whole municipality at once. SETTING.
FULL_REBUILD_ABOVE = 500


def _fresh(db, municipality_id: int, today: date) -> bool:
    row = db.execute("SELECT computed_on FROM followup_watch_days WHERE municipality_id = ?",
                     [municipality_id]).fetchone()
    return row is not None and row[0] == today.isoformat()


def refresh(db, municipality_id: int, now: datetime | None = None) -> None:
    now = now or clock.now()
    today = clock.local(now).date()
    dirty_any = db.execute("SELECT EXISTS (SELECT 1 FROM followup_watch_dirty)").fetchone()[0]
    if _fresh(db, municipality_id, today) and not dirty_any:
        return
    with transaction(db):
        if not _fresh(db, municipality_id, today):
            _rebuild(db, municipality_id, now)
        dirty = [r[0] for r in db.execute("SELECT citizen_id FROM followup_watch_dirty LIMIT ?", [FULL_REBUILD_ABOVE + 1])]
        if len(dirty) > FULL_REBUILD_ABOVE:
            for (other,) in db.execute("SELECT DISTINCT c.municipality_id FROM followup_watch_dirty d"
                                       " JOIN citizens c ON c.id = d.citizen_id").fetchall():
                _rebuild(db, other, now)
            db.execute("DELETE FROM followup_watch_dirty")
            return
        for citizen_id in dirty:
            _rejudge(db, citizen_id, now)


_COLUMNS = ("soon_deadline", "forms_in", "status_in", "near_limit", "after_return")
_UPSERT = ("INSERT OR REPLACE INTO followup_watch (citizen_id, municipality_id, name, " + ", ".join(_COLUMNS) + ")"
           " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
_NOTHING = {"soon_deadline": None, "forms_in": 0, "status_in": 0, "near_limit": 0, "after_return": 0}


def _rebuild(db, municipality_id: int, now: datetime) -> None:
    today = clock.local(now).date()
    found, _requests, answered = queue.assembled(db, municipality_id, now)
    rows = {citizen["id"]: (citizen["name"], queue.watch_row(ov, stats["latest"] if stats else None, upcoming, today))
            for citizen, ov, stats, upcoming in found}
    sick = set(rows)
    for conv in answered:  # a booked follow-up answered by a citizen who has since left the groups
        if conv["citizen_id"] not in sick:
            rows.setdefault(conv["citizen_id"], (conv["citizen_name"], dict(_NOTHING)))[1]["status_in"] += 1
    db.execute("DELETE FROM followup_watch WHERE municipality_id = ?", [municipality_id])
    db.conn.executemany(_UPSERT, [(cid, municipality_id, name, *(row[c] for c in _COLUMNS))
                                  for cid, (name, row) in rows.items()])
    db.execute("INSERT INTO followup_watch_days (municipality_id, computed_on) VALUES (?, ?)"
               " ON CONFLICT (municipality_id) DO UPDATE SET computed_on = excluded.computed_on",
               [municipality_id, today.isoformat()])
    db.execute("DELETE FROM followup_watch_dirty WHERE citizen_id IN (SELECT id FROM citizens WHERE municipality_id = ?)",
               [municipality_id])


def _rejudge(db, citizen_id: int, now: datetime) -> None:
    db.execute("DELETE FROM followup_watch_dirty WHERE citizen_id = ?", [citizen_id])
    rows = [dict(r) for r in db.query("SELECT * FROM citizens WHERE id = ?", [citizen_id])]
    citizen = rows[0] if rows else None
    if citizen is None:
        db.execute("DELETE FROM followup_watch WHERE citizen_id = ?", [citizen_id])
        return
    today = clock.local(now).date()
    if not _fresh(db, citizen["municipality_id"], today):
        return  # judged in full at that municipality's next read
    upcoming = queries.upcoming_followups(db, citizen_id, clock.to_db(now))
    if citizen["target_group"] in queue.sick_groups(today):
        ov = overview._build(db, citizen, now)  # not the request's memo: judged at `now`
        row = queue.watch_row(ov, ov.latest_held["starts_at"] if ov.latest_held else None, upcoming, today)
    else:
        row = dict(_NOTHING, status_in=sum(1 for conv in upcoming if conv["answers_id"] is not None))
    db.execute(_UPSERT, [citizen_id, citizen["municipality_id"], citizen["name"], *(row[c] for c in _COLUMNS)])


def summary(db, municipality_id: int) -> dict:
    """How many citizens of the municipality have each thing the panel counts."""
    row = db.execute(
        "SELECT COUNT(soon_deadline), COALESCE(SUM(forms_in), 0), COALESCE(SUM(status_in), 0),"
        " COALESCE(SUM(near_limit), 0), COALESCE(SUM(after_return), 0) FROM followup_watch INDEXED BY followup_watch_counted"
        " WHERE municipality_id = ? AND (soon_deadline IS NOT NULL OR forms_in OR status_in OR near_limit OR after_return)",
        [municipality_id]).fetchone()
    return dict(zip(("soon", "forms_in", "status_in", "near_limit", "after_return"), row))


def listed(db, municipality_id: int, limit: int) -> list[int]:
    """The citizens the panel lists: the `limit` soonest due, and the first `limit` back at work."""
    soon = [r[0] for r in db.execute(
        "SELECT citizen_id FROM followup_watch INDEXED BY followup_watch_soon WHERE municipality_id = ?"
        " AND soon_deadline IS NOT NULL ORDER BY soon_deadline, name, citizen_id LIMIT ?", [municipality_id, limit])]
    back = [r[0] for r in db.execute(
        "SELECT citizen_id FROM followup_watch WHERE municipality_id = ? AND after_return = 1 LIMIT ?",
        [municipality_id, limit * 10])]
    return sorted(set(soon) | set(back))


def action_count(db, municipality_id: int, now: datetime | None = None) -> int:
    """The caseworker menu's count for the follow-up queue: follow-ups due within the week or
    overdue, plus forms and status answers in (the numbers "I dag"'s panel shows), one indexed
    query once the index is up to date."""
    refresh(db, municipality_id, now)
    counts = summary(db, municipality_id)
    return counts["soon"] + counts["forms_in"] + counts["status_in"]
