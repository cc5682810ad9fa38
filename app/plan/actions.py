"""'What to do now' on Min Plan: each area offers candidate actions; the most urgent stands first,
with its button, and the others follow below it.

Areas register a provider with `@provider`; a provider takes (db, citizen, rules, now) and
returns a list of NextAction. Order (next_actions): the urgent ones first, then what the citizen
must do, by its deadline whatever the area (a later booking deadline never hides an earlier joblog
deadline), then what is good to know; ties go to the lower priority number."""
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

PROVIDERS = []

# Shared priority scale, so areas rank against each other without knowing each other.
URGENT = 10       # something happening within about two days
DEADLINE = 20     # a deadline the citizen must meet (a form, a booking)
DUTY = 30         # an ongoing duty not yet met (job search this period)
INFO = 50         # good to know (the next conversation)


@dataclass(frozen=True)
class NextAction:
    key: str
    text: str
    priority: int
    due: datetime | None = None
    link_endpoint: str | None = None
    link_text: str | None = None
    # What happens otherwise, in plain words, shown with the action before it bites (DOMAIN.md,
    # tone; 003 [L2962-2984]). None when there is nothing to say or nothing may be said yet.
    consequence: str | None = None
    # What it is about, e.g. "conversation:12", so that one area's word on a thing replaces
    # another's (`overrides`): a follow-up that is no longer required is said once, by the follow-up.
    subject: str | None = None
    overrides: bool = False


def provider(fn):
    PROVIDERS.append(fn)
    return fn


def _tier(action: NextAction) -> int:
    if action.priority <= URGENT:
        return 0
    return 1 if action.priority < INFO else 2


def next_actions(db, citizen: dict, rules, now: datetime) -> list[NextAction]:
    """Every candidate, most urgent first; never empty (a calm 'nothing to do' instead)."""
    candidates = [action for fn in PROVIDERS for action in fn(db, citizen, rules, now)]
    overridden = {a.subject for a in candidates if a.overrides and a.subject}
    candidates = [a for a in candidates if a.overrides or a.subject not in overridden]
    if not candidates:
        return [NextAction("nothing", _("You have nothing you need to do right now."), 999)]
    far = datetime.max.replace(tzinfo=now.tzinfo)
    return sorted(candidates, key=lambda a: (_tier(a), a.due or far, a.priority))


def next_action(db, citizen: dict, rules, now: datetime) -> NextAction:
    return next_actions(db, citizen, rules, now)[0]
