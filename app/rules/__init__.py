"""The law as data: `rules_for(group, on_date)` is the only way the app learns a rule.

Only this package knows a target group's numbers; views and templates ask it.
"""
from datetime import date

from .. import clock
from .model import (APPROVAL, CHOICE, FIXED, FORMATS, KINDS, ContactQuota, FormatPolicy,
                    JoblogRule, Rules, RuleSet, SickRules)
from .sets import GROUPS, RULE_SETS

__all__ = ["rules_for", "rule_set_for", "format_policy", "GROUPS", "FORMATS", "KINDS", "Rules",
           "RuleSet", "FormatPolicy", "JoblogRule", "SickRules", "ContactQuota", "FIXED",
           "CHOICE", "APPROVAL", "UnknownGroup", "all_rule_sets"]


class UnknownGroup(LookupError):
    pass


def rule_set_for(on_date: date | None = None):
    """(RuleSet, {group: Rules}) in force on `on_date` (today if None). Dates before the oldest
    set get the oldest: it is the earliest law we model."""
    on_date = on_date or clock.today()
    chosen = RULE_SETS[0]
    for rule_set, rules in RULE_SETS:
        if rule_set.valid_from <= on_date:
            chosen = (rule_set, rules)
    return chosen


def rules_for(group: str, on_date: date | None = None) -> Rules:
    _, rules = rule_set_for(on_date)
    try:
        return rules[group]
    except KeyError:
        raise UnknownGroup(group) from None


def all_rule_sets():
    return [rule_set for rule_set, _ in RULE_SETS]


def format_policy(rules: Rules, kind: str, employment_status: str | None = None) -> FormatPolicy:
    """The format policy for one conversation kind. A sick-listed citizen's first follow-up is
    the citizen's choice only for those the rules name (today: sick-listed from a job)."""
    policy = rules.formats[kind]
    if kind == "followup_first" and rules.sick is not None:
        allowed = rules.sick.digital_first_followup_for
        if "all" in allowed or (employment_status in allowed):
            return FormatPolicy(CHOICE, FORMATS)
    return policy
