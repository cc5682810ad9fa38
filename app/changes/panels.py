"""The change of rule set on the caseworker's pages: the citizen's own on the case page, and the
municipality's count of citizens affected on "I dag"."""
from ..caseworker.panels import Panel, case_section, today_panel
from . import service


@case_section(tab="plan")
def citizen_changes(db, citizen, caseworker):
    change = service.for_citizen(citizen)
    if change is None or not change.applies:
        return None
    return Panel("changes/_case_section.html", order=60, tab="plan", context={"change": change})


@today_panel
def municipality_changes(db, caseworker):
    found = service.affected_in_municipality(db, caseworker.municipality_id)
    if found is None or not found[2]:
        return None
    rule_set, upcoming, rows = found
    return Panel("changes/_today_panel.html", order=90,
                 context={"rule_set": rule_set, "upcoming": upcoming, "rows": rows})
