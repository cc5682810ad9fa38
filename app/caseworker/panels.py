"""Seams through which each area adds to the caseworker's pages without editing them.

- `@today_panel`: fn(db, caseworker) -> Panel | None, shown on "I dag" (what needs action).
- `@case_section`: fn(db, citizen, caseworker) -> Panel | None, shown on the citizen's case page.
A Panel names a template (rendered with `panel.context` as `ctx`) and an order (lower first).
A case section also names the tab of the case page it belongs on (CASE_TABS)."""
from dataclasses import dataclass, field

# The case page's tabs, in order; a case section names one of them.
CASE_TABS = ("plan", "samtaler", "joblog", "opfoelgning", "beskeder", "historik")

TODAY_PANELS = []
CASE_SECTIONS = []


@dataclass
class Panel:
    template: str
    order: int = 50
    context: dict = field(default_factory=dict)
    tab: str = "plan"


def today_panel(fn):
    TODAY_PANELS.append(fn)
    return fn


def case_section(fn):
    CASE_SECTIONS.append(fn)
    return fn


def collect(functions, *args) -> list[Panel]:
    panels = [panel for fn in functions if (panel := fn(*args)) is not None]
    return sorted(panels, key=lambda p: p.order)
