"""One action per form, however often it is submitted.

A form carries a one-time `submission_key` (rendered into it). The service claims the key in
the same write transaction as the change: the first request does the work and stores its
result; a double click or a retried request finds the key taken and gets the stored result."""
import json
import secrets

from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import DataRequired, Length

from . import clock


def new_key() -> str:
    return secrets.token_urlsafe(18)


class IdempotentForm(FlaskForm):
    submission_key = HiddenField(validators=[DataRequired(), Length(min=16, max=64)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.submission_key.data:
            self.submission_key.data = new_key()


class AlreadyDone(Exception):
    """The key was used before; `result` is what the first submission produced."""

    def __init__(self, result):
        super().__init__("already submitted")
        self.result = result


def claim(db, key: str, actor: str) -> None:
    """Call inside the write transaction, before the change. Raises AlreadyDone when the key is taken."""
    cursor = db.execute("INSERT OR IGNORE INTO idempotency_keys (key, actor, created_at) VALUES (?, ?, ?)",
                        [key, actor, clock.to_db(clock.now())])
    if cursor.rowcount == 0:
        row = db.execute("SELECT actor, result FROM idempotency_keys WHERE key = ?", [key]).fetchone()
        if row["actor"] != actor:
            raise PermissionError("submission key belongs to someone else")
        raise AlreadyDone(json.loads(row["result"]) if row["result"] else None)


def complete(db, key: str, result) -> None:
    db.execute("UPDATE idempotency_keys SET result = ? WHERE key = ?", [json.dumps(result), key])
