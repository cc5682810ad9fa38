"""The coming (or just made) change of rule set, for one group or a whole municipality."""
from dataclasses import dataclass
from datetime import date, timedelta

from .. import clock
from ..rules import GROUPS, RuleSet, all_rule_sets, rules_for
from ..rules import describe

# Issue 11: the change is shown from 8 weeks before a rule set takes effect.
SHOW_BEFORE = timedelta(weeks=8)
# SETTING: after the date, "what changed" is shown for 8 weeks more.
SHOW_AFTER = timedelta(weeks=8)


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    before: str
    after: str
    source: describe.Source


@dataclass(frozen=True)
class ChangeView:
    rule_set: RuleSet       # the set that takes (or took) effect
    upcoming: bool          # True before its date, False after it
    expected: bool          # the law behind it is not yet passed
    changes: tuple

    @property
    def applies(self) -> bool:
        return bool(self.changes)


def relevant_set(today: date) -> tuple[RuleSet, bool] | None:
    """The rule set whose change is shown today, and whether it is still ahead; None outside the windows."""
    sets = all_rule_sets()
    for rule_set in sets[1:]:
        if today < rule_set.valid_from <= today + SHOW_BEFORE:
            return rule_set, True
        if rule_set.valid_from <= today < rule_set.valid_from + SHOW_AFTER:
            return rule_set, False
    return None


def changes_for_group(group: str, rule_set: RuleSet) -> tuple:
    before = rules_for(group, rule_set.valid_from - timedelta(days=1))
    after = rules_for(group, rule_set.valid_from)
    return tuple(Change(a.key, a.label(), a.describe(before), a.describe(after), a.source(after))
                 for a in describe.differences(before, after))


def for_group(group: str, today: date | None = None) -> ChangeView | None:
    today = today or clock.today()
    found = relevant_set(today)
    if found is None:
        return None
    rule_set, upcoming = found
    return ChangeView(rule_set, upcoming, rule_set.expected, changes_for_group(group, rule_set))


def for_citizen(citizen: dict, today: date | None = None) -> ChangeView | None:
    return for_group(citizen["target_group"], today)


@dataclass(frozen=True)
class AffectedRow:
    key: str
    label: str
    groups: tuple           # group codes whose rules change in this aspect
    citizens: int


def affected_in_municipality(db, municipality_id: int, today: date | None = None):
    """(the set, whether ahead, rows): per changed aspect, the groups it changes for and how many
    of the municipality's citizens are in those groups. None outside the windows."""
    today = today or clock.today()
    found = relevant_set(today)
    if found is None:
        return None
    rule_set, upcoming = found
    counts = dict(db.execute("SELECT target_group, COUNT(*) FROM citizens WHERE municipality_id = ?"
                             " GROUP BY target_group", [municipality_id]).fetchall())
    by_aspect: dict[str, list[str]] = {}
    for group in GROUPS:
        before = rules_for(group, rule_set.valid_from - timedelta(days=1))
        after = rules_for(group, rule_set.valid_from)
        for aspect in describe.differences(before, after):
            by_aspect.setdefault(aspect.key, []).append(group)
    rows = [AffectedRow(a.key, a.label(), tuple(by_aspect[a.key]), sum(counts.get(g, 0) for g in by_aspect[a.key]))
            for a in describe.ASPECTS if a.key in by_aspect]
    return rule_set, upcoming, rows


@dataclass(frozen=True)
class TableRow:
    group: str
    key: str
    label: str
    values: tuple           # (text, Source) per rule set, oldest first


def rules_table() -> tuple[tuple, list[TableRow]]:
    """Every target group x every rule x every rule set, from the data (only rules that apply to the group)."""
    sets = tuple(all_rule_sets())
    rows = []
    for group in GROUPS:
        per_set = [rules_for(group, s.valid_from) for s in sets]
        for aspect in describe.ASPECTS:
            if not describe.applies(aspect, *per_set) and aspect.key not in ("open",):
                continue
            rows.append(TableRow(group, aspect.key, aspect.label(),
                                 tuple((aspect.describe(r), aspect.source(r)) for r in per_set)))
    return sets, rows
