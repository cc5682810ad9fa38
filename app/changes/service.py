"""The coming (or just made) change of rule set, for one group or a whole municipality; and the
change a caseworker made to one citizen's target group (old group vs new group on that date)."""
import json
from dataclasses import dataclass
from datetime import date, timedelta

from .. import clock
from ..rules import GROUPS, RuleSet, all_rule_sets, rules_for
from ..rules import describe

# Issue 11: the change is shown from 8 weeks before a rule set takes effect.
SHOW_BEFORE = timedelta(weeks=8)
# SETTING: after the date, "what changed" is shown for 8 weeks more.
SHOW_AFTER = timedelta(weeks=8)
# SETTING: after a caseworker changes a citizen's target group (app/caseworker/service.change_group),
# Min Plan shows what changed for the citizen for 8 weeks from the day the change was made (a
# change never applies from a later date than the day it is made).
GROUP_CHANGE_SHOWN = timedelta(weeks=8)


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


@dataclass(frozen=True)
class GroupChange:
    before: str             # the old target group's code
    after: str              # the new one's
    on_date: date           # the date the new group applies from
    changes: tuple          # Change: the rules that differ between the two groups on that date


def group_changes(before: str, after: str, on_date: date) -> tuple:
    """The rules that apply differently in group `after` than in group `before` on `on_date`,
    from the rules data alone (app/rules/describe.py)."""
    old, new = rules_for(before, on_date), rules_for(after, on_date)
    return tuple(Change(a.key, a.label(), a.describe(old), a.describe(new), a.source(new))
                 for a in describe.differences(old, new))


def group_change_for(db, citizen: dict, today: date | None = None) -> GroupChange | None:
    """The citizen's latest change of target group while it is shown (GROUP_CHANGE_SHOWN), read
    from the audit log (one indexed query, audit_action_citizen); None when there is none, when it
    is older, or when the citizen's group has changed again since by other means."""
    today = today or clock.today()
    row = db.execute("SELECT at, before, after FROM audit_log WHERE action = 'target_group_changed' AND citizen_id = ?"
                     " ORDER BY at DESC, id DESC LIMIT 1", [citizen["id"]]).fetchone()
    if row is None:
        return None
    before, after = json.loads(row[1] or "{}"), json.loads(row[2] or "{}")
    if after.get("target_group") != citizen["target_group"] or before.get("target_group") not in GROUPS:
        return None
    on_date = date.fromisoformat(after["group_since"][:10])
    made = clock.local(clock.from_db(row[0])).date()
    if not made <= today < made + GROUP_CHANGE_SHOWN:
        return None
    return GroupChange(before["target_group"], after["target_group"], on_date,
                       group_changes(before["target_group"], after["target_group"], on_date))
