"""The dialogue on the caseworker's pages: unanswered messages on "I dag", and the citizen's
threads on the case page's Beskeder tab."""
from ..caseworker.panels import Panel, case_section, today_panel
from . import queries


@today_panel
def unanswered(db, caseworker):
    count = queries.unanswered_count(db, caseworker.municipality_id)
    if not count:
        return None
    oldest = [t for t in queries.queue(db, caseworker.municipality_id, limit=5)
              if t["status"] == "open" and t["waiting_since"]]
    return Panel("dialogue/_today_panel.html", order=15, context={"count": count, "threads": oldest})


@case_section(tab="beskeder")
def citizen_threads(db, citizen, caseworker):
    threads = queries.queue(db, caseworker.municipality_id, citizen_id=citizen["id"], limit=50)
    return Panel("dialogue/_case_section.html", order=10, tab="beskeder",
                 context={"threads": threads, "citizen": citizen})
