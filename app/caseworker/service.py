"""What the caseworker surface changes about a citizen itself (the areas change their own
data): the target group. Plain functions that check the rules, write through queries inside
one transaction with the audit entry, and raise CaseworkerError for the user to read."""
from datetime import date

from flask_babel import lazy_gettext as _l

from .. import audit, clock, idempotency
from ..errors import UserError
from ..rules import GROUPS, rules_for
from . import queries


REASON_MAX = 500


class CaseworkerError(UserError):
    """A refusal on the case page the caseworker should read (app/errors.py)."""


def change_group(db, *, caseworker_id: int, citizen: dict, group: str, on_date: date | None = None,
                 reason: str | None = None, submission_key: str | None = None) -> None:
    """The one place a citizen's target group is set. A group the rules close to new citizens
    on the date (law no. 1750: ressourceforløb and revalidering; law no. 1655: uddannelseshjælp)
    is refused for anyone not already in it; those already in it continue. A new group starts a
    new contact course, so group_since is the date of the change (003 [L35-57])."""
    on_date = on_date or clock.today()
    reason = (reason or "").strip() or None
    if reason and len(reason) > REASON_MAX:
        raise CaseworkerError(_l("Write at most %(num)s characters.", num=REASON_MAX), "reason")
    if on_date > clock.today():
        raise CaseworkerError(_l("The change cannot start later than today. Make it on the day it starts."), "on_date")
    if group not in GROUPS:
        raise CaseworkerError(_l("Choose a target group."), "group")
    if group == citizen["target_group"]:
        return
    if not rules_for(group, on_date).open_to_new(on_date):
        raise CaseworkerError(_l("Nobody new can be placed in this target group any more. Those already in it continue."),
                              "group")
    now_s = clock.to_db(clock.now())

    def work():
        if queries.set_target_group(db, citizen["id"], citizen["municipality_id"], group, on_date.isoformat(), now_s) != 1:
            raise CaseworkerError(_l("We could not find that."))
        audit.record(db, actor_type="caseworker", actor_id=caseworker_id, action="target_group_changed",
                     entity="citizen", entity_id=citizen["id"], citizen_id=citizen["id"],
                     municipality_id=citizen["municipality_id"],
                     before={"target_group": citizen["target_group"], "group_since": citizen["group_since"]},
                     after={"target_group": group, "group_since": on_date.isoformat(), "reason": reason})
    idempotency.once(db, submission_key, f"caseworker:{caseworker_id}", f"target_group:{citizen['id']}", work)
