"""Joblog demo data: a history for Mette Jensen with met weeks and one missed week (three
weeks ago), so the citizen's history and the caseworker's views have something to show."""
from datetime import timedelta

from .. import clock

# (weekday offset in the week, kind, employer, title, source, status)
_WEEK = [
    (1, "advertised", "Fjordby Transport", "Chauffør", "Jobnet", "rejected"),
    (3, "unsolicited", "Nord Logistik", "Lagermedarbejder", "Virksomhedens hjemmeside", "sent"),
]
_EXTRA = {
    2: (2, "interview", "Coop Logistik", "Truckfører", None, "interview"),
    5: (4, "other", "Jobmesse i Fjordby Hallen", None, None, "sent"),
}
MISSED_WEEKS_AGO = 3


def extend(db, ctx: dict) -> None:
    citizen_id = ctx["citizen_ids"].get("Mette Jensen")
    if citizen_id is None:
        return
    today = ctx["today"]
    now_s = clock.to_db(ctx["now"])
    monday = today - timedelta(days=today.weekday())
    for weeks_ago in range(1, 9):
        if weeks_ago == MISSED_WEEKS_AGO:
            continue
        start = monday - timedelta(weeks=weeks_ago)
        rows = list(_WEEK) + ([_EXTRA[weeks_ago]] if weeks_ago in _EXTRA else [])
        for offset, kind, employer, title, source, status in rows:
            db["joblog_entries"].insert(dict(
                citizen_id=citizen_id, kind=kind, employer=employer, job_title=title,
                applied_on=(start + timedelta(days=offset)).isoformat(), source=source,
                note="Ringede og fulgte op." if status == "interview" else None,
                url="https://job.example/annonce/" + str(weeks_ago) if kind == "advertised" else None,
                status=status, created_at=now_s, updated_at=now_s))
