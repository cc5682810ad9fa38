"""What the caseworker sees of notify: messages to a citizen on the case page, and messages that
could not be delivered (a wrong address, say) on "I dag"."""
from datetime import timedelta

from .. import clock
from ..caseworker.panels import Panel, case_section, today_panel
from . import names, queries


@case_section(tab="beskeder")
def messages_to_citizen(db, citizen, caseworker):
    return Panel("notify/_case_section.html", order=80, tab="beskeder",
                 context={"rows": queries.outbox_for_citizen(db, citizen["id"], limit=10), "names": names})


@today_panel
def undelivered(db, caseworker):
    since = clock.to_db(clock.now() - timedelta(days=14))
    rows = queries.failed_in_municipality(db, caseworker.municipality_id, since)
    if not rows:
        return None
    return Panel("notify/_today_panel.html", order=70, context={"rows": rows, "names": names})
