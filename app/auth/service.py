"""Logging in: caseworker passwords (argon2) with rate limiting. Sessions: app/auth/sessions.py."""
import hashlib
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

from .. import audit, clock
from ..db import transaction
from . import queries

_hasher = PasswordHasher()
# One address may fail this many times the limit of one account: a shared office address has many users.
ADDRESS_ROOM = 4
# Verified against when the e-mail is unknown, so a wrong user costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


# The rules a new caseworker password must meet (SETTING, our choice: length over composition,
# as NIST SP 800-63B 5.1.1.2 advises; the longest is what the login form accepts).
PASSWORD_MIN_LENGTH = 12
PASSWORD_MAX_LENGTH = 200


def password_problem(password: str, email: str | None = None):
    """Why `password` cannot be a caseworker's new password (a text for the user), or None."""
    from flask_babel import lazy_gettext as _l
    if len(password) < PASSWORD_MIN_LENGTH:
        return _l("The password must be at least %(num)s characters long.", num=PASSWORD_MIN_LENGTH)
    if len(password) > PASSWORD_MAX_LENGTH:
        return _l("The password can be at most %(num)s characters long.", num=PASSWORD_MAX_LENGTH)
    if not password.strip():
        return _l("The password cannot be only spaces.")
    if email and password.strip().lower() == email.strip().lower():
        return _l("The password cannot be the e-mail address.")
    return None


def verify_password(password_hash: str, password: str) -> bool:
    return _verify(password_hash, password)


class LoginRefused(Exception):
    """Wrong e-mail or password; deliberately one message for both."""


class TooManyAttempts(Exception):
    pass


@dataclass
class LoginKeys:
    account: str
    address: str


def _keys(email: str, remote_addr: str | None) -> LoginKeys:
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    return LoginKeys(account=f"email:{digest}", address=f"ip:{remote_addr or 'unknown'}")


def authenticate_caseworker(db, email: str, password: str, remote_addr: str | None):
    """The caseworker row, or LoginRefused / TooManyAttempts."""
    keys = _keys(email, remote_addr)
    reserved = _reserve_attempt(db, keys)
    row = queries.caseworker_by_email(db, email)
    ok = _verify(row["password_hash"] if row else _DUMMY_HASH, password) and row is not None
    if not ok:
        raise LoginRefused()  # the reservation stays: it is the record of this failure
    with transaction(db):
        queries.delete_attempts(db, reserved)  # it was no failure
        queries.clear_failures(db, keys.account)
        queries.record_attempt(db, keys.account, True)
        audit.record(db, actor_type="caseworker", actor_id=row["id"], action="login",
                     entity="caseworker", entity_id=row["id"], municipality_id=row["municipality_id"])
    return row


def _reserve_attempt(db, keys: LoginKeys) -> list[int]:
    """Count the recent failures and book this attempt as one more, in one write transaction,
    BEFORE the slow password check. BEGIN IMMEDIATE takes SQLite's write lock first, so parallel
    guesses queue here one by one and each sees the ones booked before it: no more than the limit
    ever reach the check. Counting first and recording after the check let every guess sent at
    the same moment through. The booking is given back when the password was right."""
    window_start = clock.now() - current_app.config["LOGIN_FAILURE_WINDOW"]
    limit = current_app.config["LOGIN_MAX_FAILURES"]
    with transaction(db):
        if (queries.failures_since(db, keys.account, window_start) >= limit
                or queries.failures_since(db, keys.address, window_start) >= limit * ADDRESS_ROOM):
            raise TooManyAttempts()
        return [queries.record_attempt(db, keys.account, False), queries.record_attempt(db, keys.address, False)]


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
