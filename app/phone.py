"""Danish phone numbers: the one rule. 8 digits, after an optional +45 (or 0045); spaces and
hyphens between the digits are allowed ("12 34 56 78", "+45 12345678", "1234-5678").

`normalise` gives "+4512345678" (what an SMS gateway is sent) or None when it is not such a
number; `display` gives "12 34 56 78"; `tel_href` the link a phone dials; `clean` what a form
keeps of what was typed (spaces collapsed). `PhoneNumber` is the WTForms validator, with the
message of the form it is on: `MESSAGE` for a number we call, `MOBILE_MESSAGE` for one we text."""
import re

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

MESSAGE = _l("Enter a phone number with 8 digits, for example 12 34 56 78")
MOBILE_MESSAGE = _l("Enter a Danish mobile number with 8 digits")

_NUMBER = re.compile(r"^(?:\+45|0045)?(\d{8})$")
_SEPARATORS = re.compile(r"[\s\-]")


def _digits(raw: str | None) -> str | None:
    found = _NUMBER.match(_SEPARATORS.sub("", raw or ""))
    return found.group(1) if found else None


def is_valid(raw: str | None) -> bool:
    return _digits(raw) is not None


def normalise(raw: str | None) -> str | None:
    """+45 and the 8 digits, or None when `raw` is not a Danish phone number."""
    digits = _digits(raw)
    return "+45" + digits if digits else None


def display(raw: str | None) -> str:
    """"12 34 56 78" for a Danish number; anything else as it was written (trimmed)."""
    digits = _digits(raw)
    if digits is None:
        return (raw or "").strip()
    return " ".join(digits[i:i + 2] for i in range(0, 8, 2))


def tel_href(raw: str | None) -> str | None:
    """The tel: link for a number as it is written (its digits and a leading +)."""
    return "tel:" + "".join(ch for ch in raw if ch.isdigit() or ch == "+") if raw else None


def clean(raw: str | None) -> str | None:
    """What a form stores of a typed number: spaces collapsed (None for None)."""
    return re.sub(r"\s+", " ", raw).strip() if raw else None


class PhoneNumber:
    """WTForms validator: an empty field is left to Optional/DataRequired."""

    def __init__(self, message=MESSAGE):
        self.message = message

    def __call__(self, form, field):
        if field.data and field.data.strip() and not is_valid(field.data):
            raise ValidationError(self.message)
