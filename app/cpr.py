"""CPR numbers, masked: the one place that knows what a CPR number looks like in text and how it
is shown. Pages show only the birth date part, "010185-XXXX" (`mask`); logs and stored error
texts mask any CPR-like number in free text (`mask_in_text`, used by app/security.py's log
filter and app/notify's failure texts); a caseworker may search by the masked number
(`masked_birth_part`)."""
import re

# ddmmyy-xxxx or ddmmyyxxxx, not inside a longer number.
PATTERN = re.compile(r"(?<!\d)(\d{6})-?(\d{4})(?!\d)")
# "010185-XXXX", "010185-xxxx" or "010185": what a caseworker types for the masked number.
_MASKED = re.compile(r"^\s*(\d{6})(?:-?[xX]{4})?\s*$")
HIDDEN = "XXXX"


def mask_in_text(text: str, *, keep_birth_date: bool = True) -> str:
    """Every CPR-like number in `text` masked: "010185-XXXX", or "XXXXXX-XXXX" without the birth
    date."""
    if keep_birth_date:
        return PATTERN.sub(lambda m: f"{m.group(1)}-{HIDDEN}", text)
    return PATTERN.sub(f"XXXXXX-{HIDDEN}", text)


def mask(cpr: str | None) -> str:
    """A citizen's CPR number for display: "010185-XXXX" ("" for none)."""
    return mask_in_text(cpr or "")


def masked_birth_part(text: str | None) -> str | None:
    """The birth date part ("010185") when `text` is a masked CPR number as pages show it (or
    only its first six digits); None otherwise."""
    found = _MASKED.match(text or "")
    return found.group(1) if found else None
