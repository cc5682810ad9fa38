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


def case_section(fn=None, *, tab: str | None = None):
    """`@case_section` or `@case_section(tab="samtaler")`: naming the tab at registration lets the
    case page build only the sections of the tab it shows (the Panel's own `tab` still decides)."""
    def register(function):
        if tab is not None and tab not in CASE_TABS:
            raise ValueError(f"unknown case tab {tab!r}")
        function.case_tab = tab
        CASE_SECTIONS.append(function)
        return function
    return register(fn) if fn is not None else register


def sections_for_tab(db, citizen, caseworker, tab: str) -> list[Panel]:
    """The case sections of one tab, each built once; a section registered for another tab is not built."""
    wanted = [fn for fn in CASE_SECTIONS if getattr(fn, "case_tab", None) in (None, tab)]
    return [panel for panel in collect(wanted, db, citizen, caseworker) if panel.tab == tab]


def collect(functions, *args) -> list[Panel]:
    panels = [panel for fn in functions if (panel := fn(*args)) is not None]
    return sorted(panels, key=lambda p: p.order)
