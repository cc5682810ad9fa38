"""The joblog's panels on the caseworker's pages ("I dag" and the citizen's case)."""
from ..caseworker.panels import Panel, case_section, today_panel
from . import overview, service

TODAY_LIMIT = 8        # rows on "I dag"; the whole list is on /sagsbehandler/joblog
CASE_PERIODS = 6       # periods shown on the case page; all of them one click away


@today_panel
def joblogs_at_risk(db, caseworker):
    watches, total = overview.needing_attention(db, caseworker.municipality_id, limit=TODAY_LIMIT)
    if not total:
        return None
    return Panel("joblog/_today_panel.html", order=40, context={"watches": watches, "total": total})


@case_section(tab="joblog")
def joblog_by_period(db, citizen, caseworker):
    periods = service.history(db, citizen, limit=CASE_PERIODS + 1)
    if not periods:
        return None
    return Panel("joblog/_case_section.html", order=40, tab="joblog",
                 context={"citizen": citizen, "periods": periods[:CASE_PERIODS], "more": len(periods) > CASE_PERIODS,
                          "watch": overview.watch_for(db, citizen)})
