"""Text as people type it, made safe to store and show: the one normalisation every text field
applies (app/forms/fields.py) before its own filters and validators run."""
import unicodedata

# Bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). Typed into a reason
# they reverse the rest of a caseworker's line ("I dag" showed it backwards); nobody needs them
# to write a message. The plain marks (U+200E, U+200F) only nudge punctuation and stay.
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))

# C0 and C1 control characters and DEL, except the line break and tab a text area may hold:
# a NUL or an escape sequence is never meant, and breaks exports, logs and other programs.
_DROP = {ord(c): None for c in map(chr, (*range(0x00, 0x20), *range(0x7F, 0xA0))) if c not in "\n\t"}
_DROP.update({ord(c): None for c in BIDI_CONTROLS})
# A single-line field has no line breaks: a pasted one becomes a space.
_ONE_LINE = {**_DROP, ord("\n"): " ", ord("\t"): " ", 0x2028: " ", 0x2029: " "}
_MULTI_LINE = {**_DROP, 0x2028: "\n", 0x2029: "\n"}


def normalise(value, *, multiline: bool = False):
    """NFC, without control and bidi-override characters; line breaks as "\\n" (kept only when
    `multiline`). Anything that is not a string (None, a number) is returned as it is."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", value.translate(_MULTI_LINE if multiline else _ONE_LINE))
