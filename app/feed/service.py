"""Making, renewing and reading the calendar address.

The token is 32 random bytes (URL-safe); the database keeps only its SHA-256, so a copy of the
database does not give the addresses away. A renewal replaces the hash: the old address finds
nothing from that moment. Reading the feed (GET) writes nothing, not even the audit log: a
calendar app polls it every few minutes."""
import hashlib
import secrets
from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _

from .. import audit, clock, idempotency
from ..conversations import ics
from . import queries

# SETTING: how far back the feed goes (a conversation just held stays in the calendar a while).
RECENT = timedelta(days=30)
TOKEN_BYTES = 32


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def new_token(db, citizen: dict, *, key: str) -> str | None:
    """A new address for the citizen; None when this submit was already done (the token from
    then is not stored, so it cannot be shown again: the citizen makes another)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)

    def work():
        now = clock.to_db(clock.now())
        renewed = queries.replace_token(db, citizen["id"], digest(token), now)
        audit.record(db, actor_type="citizen", actor_id=citizen["id"],
                     action="calendar_address_renewed" if renewed else "calendar_address_created",
                     entity="citizen", entity_id=citizen["id"], citizen_id=citizen["id"],
                     municipality_id=citizen["municipality_id"])
        return {"at": now}
    done = idempotency.once(db, key, f"citizen:{citizen['id']}", "calendar_token", work)
    return None if done.repeated else token


def feed(db, token: str, link) -> bytes | None:
    """The iCalendar body for the token's citizen; None for a token that is no one's."""
    if not token or len(token) > 100:
        return None
    citizen = queries.citizen_by_token_hash(db, digest(token))
    if citizen is None:
        return None
    since = clock.to_db(clock.now() - RECENT)
    # Only what the citizen's own calendar needs: when, what, where (or the video link); not
    # their phone number nor the caseworker's notes. The calendar's server is not Min Plan's.
    conversations = [{**conv, "phone_number": None, "prepare": None}
                     for conv in queries.conversations(db, citizen["id"], since)]
    with force_locale(citizen["preferred_language"] or "da"):
        return ics.calendar(conversations, jobcenter=citizen["jobcenter_name"],
                            name=_("Min Plan conversations"), link=link)
