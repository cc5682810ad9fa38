"""Server-side login sessions: the signed cookie carries only a random session id (under
COOKIE_KEY); whose session it is, when it began and when it was last used live in the sessions
table and are checked on every request. So a session ends for every copy of its cookie at once,
a kept or stolen cookie included, when
- the user logs out,
- the account is disabled (a caseworker) or gone,
- an administrator sets a new password for the account, or its owner does (their other sessions),
- it has been idle for IDLE_TIMEOUT, or
- it is older than SESSION_ABSOLUTE_LIFETIME, however active it has been.
An ended session is deleted; nothing brings it back (re-enabling an account does not)."""
import hashlib
import secrets
from dataclasses import dataclass

from flask import current_app

from .. import clock
from ..db import transaction
from . import queries

COOKIE_KEY = "sid"


@dataclass(frozen=True)
class Resumed:
    kind: str  # 'citizen' or 'caseworker'
    row: dict  # the user's row, loaded as for any request


@dataclass(frozen=True)
class Ended:
    """The session the cookie named has just ended, and why: 'idle', 'lifetime' or 'account'."""
    kind: str
    reason: str


def _digest(token: str) -> str:
    # Only the digest is stored, so a copy of the database opens no session.
    return hashlib.sha256(token.encode()).hexdigest()


def start(db, kind: str, user_id: int) -> str:
    """A new session for the user; returns the id for the cookie."""
    token = secrets.token_urlsafe(32)
    with transaction(db):
        queries.insert_session(db, _digest(token), kind, user_id, clock.to_db(clock.now()))
    return token


def resume(db, token: str) -> Resumed | Ended | None:
    """The session's user, with the session's last use moved to now; Ended if it has just ended
    (the row is then deleted); None if there is no such session (ended before, or never was)."""
    digest = _digest(token)
    row = queries.session_by_digest(db, digest)
    if row is None:
        return None
    kind = "citizen" if row["citizen_id"] is not None else "caseworker"
    now = clock.now()
    config = current_app.config
    reason = None
    if now - clock.from_db(row["last_seen"]) > config["IDLE_TIMEOUT"]:
        reason = "idle"
    elif now - clock.from_db(row["created_at"]) > config["SESSION_ABSOLUTE_LIFETIME"]:
        reason = "lifetime"
    else:
        # The same lookups as every request makes: a disabled caseworker is not found.
        user = (queries.citizen_by_id(db, row["citizen_id"]) if kind == "citizen"
                else queries.caseworker_by_id(db, row["caseworker_id"]))
        if user is None:
            reason = "account"
    if reason is not None:
        queries.delete_session(db, digest)
        return Ended(kind, reason)
    queries.touch_session(db, digest, clock.to_db(now))
    return Resumed(kind, user)


def end(db, token: str) -> None:
    """Log out: the session ends for every copy of the cookie."""
    queries.delete_session(db, _digest(token))


def end_caseworker_sessions(db, caseworker_id: int, keep_token: str | None = None) -> int:
    """End every session of the caseworker's account (all but `keep_token`'s: the browser that
    changed its own password stays logged in). Call inside the transaction of the change."""
    return queries.delete_caseworker_sessions(db, caseworker_id, _digest(keep_token) if keep_token else None)


def purge(db, config) -> int:
    """Forget sessions that have ended by time but were never used again (housekeeping)."""
    now = clock.now()
    return queries.purge_sessions(db, seen_before=clock.to_db(now - config["IDLE_TIMEOUT"]),
                                  created_before=clock.to_db(now - config["SESSION_ABSOLUTE_LIFETIME"]))
