"""One action per form, however often it is submitted.

A form carries a one-time `submission_key` (rendered into it). The service claims the key in
the same write transaction as the change: the first request does the work and stores its
result; a double click or a retried request finds the key taken and gets the stored result.

A key means something only to the one who sent it, for the one action it was sent with (the
action names its target too: which entry is deleted, which conversation cancelled). The same
key from another actor, or with another action, is simply a new submission: it can never
replay a result it did not produce (a receipt for something that was not done), nor fail on
a result of another shape."""
import json
import secrets
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import DataRequired, Regexp

from . import clock
from .db import transaction


def new_key() -> str:
    return secrets.token_urlsafe(18)


# A key that is not one we render (missing, or tampered with): the form is sent again.
SUBMISSION_KEY_MESSAGE = _l("The form could not be sent. Reload the page and try again.")
# What new_key() makes (URL-safe base64), and nothing else reaches the table.
SUBMISSION_KEY_FORMAT = Regexp(r"^[A-Za-z0-9_-]{16,64}$", message=SUBMISSION_KEY_MESSAGE)


class IdempotentForm(FlaskForm):
    submission_key = HiddenField(validators=[DataRequired(SUBMISSION_KEY_MESSAGE), SUBMISSION_KEY_FORMAT])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.submission_key.data:
            self.submission_key.data = new_key()

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.submission_key.errors:
            self.submission_key.data = new_key()  # the form shown again can then be sent
        return valid


class AlreadyDone(Exception):
    """The key was used before; `result` is what the first submission produced."""

    def __init__(self, result):
        super().__init__("already submitted")
        self.result = result


@dataclass(frozen=True)
class Claim:
    """A key claimed for one actor and action, in the caller's open write transaction."""
    db: object
    key: str
    actor: str
    action: str

    def complete(self, result) -> None:
        """Store what the submission produced, for a repeat of it to get back."""
        self.db.execute("UPDATE idempotency_keys SET result = ? WHERE actor = ? AND action = ? AND key = ?",
                        [json.dumps(result), self.actor, self.action, self.key])


def claim(db, key: str, actor: str, action: str) -> Claim:
    """Call inside the write transaction, before the change. Raises AlreadyDone when this actor
    has sent this key with this action before."""
    cursor = db.execute("INSERT OR IGNORE INTO idempotency_keys (actor, action, key, created_at) VALUES (?, ?, ?, ?)",
                        [actor, action, key, clock.to_db(clock.now())])
    if cursor.rowcount == 0:
        row = db.execute("SELECT result FROM idempotency_keys WHERE actor = ? AND action = ? AND key = ?",
                         [actor, action, key]).fetchone()
        raise AlreadyDone(json.loads(row["result"]) if row["result"] else None)
    return Claim(db, key, actor, action)


def was_sent(db, key: str | None, actor: str, action: str) -> bool:
    """Has this actor sent this key with this action before (a check before slow work, such as
    a password hash; `once` decides for certain inside the transaction)?"""
    return bool(key) and db.execute("SELECT 1 FROM idempotency_keys WHERE actor = ? AND action = ? AND key = ?",
                                    [actor, action, key]).fetchone() is not None


@dataclass(frozen=True)
class Done:
    """What `once` gives back: the submission's result, and whether it was a repeat of one done
    before (then `result` is what the first one stored, and nothing was done now)."""
    result: object
    repeated: bool = False


def once(db, key: str | None, actor: str, action: str, work) -> Done:
    """The claim, work, complete dance in one place: in one write transaction, claim `key` for
    `actor` and `action`, run `work()` (which returns what a repeat should get back, JSON-ready)
    and store its result. A key this actor sent with this action before does not run `work`:
    the first result comes back, `repeated`. The same key from another actor or with another
    action is a new submission. An exception from `work` rolls back the change and the claim,
    so the form can be sent again. Without a key (None or empty) `work` simply runs."""
    with transaction(db):
        if not key:
            return Done(work())
        try:
            claimed = claim(db, key, actor, action)
        except AlreadyDone as done:
            return Done(done.result, repeated=True)
        result = work()
        claimed.complete(result)
        return Done(result)
