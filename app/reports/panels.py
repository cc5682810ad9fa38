"""The reports' panels on the caseworker's pages: "I dag" and the citizen's case."""
from datetime import timedelta

from .. import clock
from ..caseworker.panels import Panel, case_section, today_panel
from . import queries, service

# SETTING: "I dag" lists reports registered in the last 7 days, and holidays still to answer.
RECENT_DAYS = 7
TODAY_LIMIT = 10


@today_panel
def recent_reports(db, caseworker):
    since = clock.to_db(clock.now() - timedelta(days=RECENT_DAYS))
    total = queries.count_recent_in_municipality(db, caseworker.municipality_id, since)
    if not total:
        return None
    rows = queries.recent_in_municipality(db, caseworker.municipality_id, since, TODAY_LIMIT)
    flagged = {r["id"]: service.conversations_during(db, {**r, "citizen_id": r["citizen_id"]}) for r in rows
               if r["status"] != "not_agreed"}
    return Panel("reports/_today_panel.html", order=35,
                 context={"rows": rows, "total": total, "flagged": flagged, "days": RECENT_DAYS})


@case_section(tab="plan")
def citizen_reports(db, citizen, caseworker):
    reports = queries.for_citizen(db, citizen["id"])
    if not reports:
        return None
    today = clock.today()
    current = service.current_reports(db, citizen, today)
    return Panel("reports/_case_section.html", order=15, tab="plan",
                 context={"reports": reports[:10], "current_ids": {r["id"] for r in current},
                          "flagged": {r["id"]: service.conversations_during(db, r) for r in current}})
