"""Attachments: what is taken (PDF, JPEG, PNG, at most 10 MB), judged by the bytes, never by the
name or the type the browser claims, and where it is kept (a random name in a folder beside the
database: instance/attachments in development and production, never under static/).

The check is our own signature check rather than a library: no file-type library is in the
pinned requirements, Pillow would be a large native dependency for three formats, and the three
formats have fixed, documented markers at both ends: PDF (ISO 32000-1, 7.5.2 and 7.5.5: "%PDF-"
first, "%%EOF" in the last kilobyte), PNG (ISO/IEC 15948, 5.2 and 11.2: the 8-byte signature,
IHDR first, IEND last) and JPEG (ITU T.81, B.1.1.2: SOI FFD8 then a marker, EOI FFD9 at the end).
A renamed program or document has none of these and is refused; the file is never opened,
rendered or run by Min Plan, only stored and handed back with Content-Disposition: attachment."""
import hashlib
import os
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, request
from flask_babel import lazy_gettext as _l

from ..errors import UserError
from ..forms.text import normalise

MAX_BYTES = 10 * 1024 * 1024  # SETTING: a scanned doctor's note or a contract fits easily
MAX_NAME = 100
TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}

NOT_ALLOWED = _l("The file must be a PDF, JPEG or PNG file. Other kinds of file cannot be sent.")
TOO_LARGE = _l("The file is larger than 10 MB. Make it smaller, or send it in several parts.")
EMPTY = _l("The file is empty. Choose the file again.")

_PNG = b"\x89PNG\r\n\x1a\n"


class Refused(UserError):
    """A file that is not taken; the view puts the message on the attachment field."""


def sniff(data: bytes) -> str | None:
    """The content type the bytes are, among the three taken; None for anything else."""
    if data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]:
        return "application/pdf"
    if data.startswith(_PNG) and data[12:16] == b"IHDR" and data[-12:-4] == b"\x00\x00\x00\x00IEND":
        return "image/png"
    if data.startswith(b"\xff\xd8\xff") and data.rstrip(b"\x00").endswith(b"\xff\xd9"):
        return "image/jpeg"
    return None


def clean_name(name: str | None, content_type: str) -> str:
    """The sender's file name without folders, control characters or quotes, shortened, and with
    the extension of what the file really is."""
    base = normalise(os.path.basename((name or "").replace("\\", "/"))) or ""
    base = "".join(ch for ch in base if ch not in '"<>:*?|/' and unicodedata.category(ch)[0] != "C").strip(" .")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = (stem or "bilag")[:MAX_NAME - 5].strip() or "bilag"
    return stem + TYPES[content_type]


@dataclass
class Checked:
    data: bytes
    content_type: str
    filename: str

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def check(upload) -> Checked | None:
    """A werkzeug FileStorage (or None): None when no file was chosen; Refused with the message
    to show when it is not taken."""
    if upload is None or not upload.filename:
        return None
    data = upload.stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise Refused(TOO_LARGE)
    if not data:
        raise Refused(EMPTY)
    content_type = sniff(data)
    if content_type is None:
        raise Refused(NOT_ALLOWED)
    return Checked(data, content_type, clean_name(upload.filename, content_type))


def folder() -> Path:
    configured = current_app.config.get("ATTACHMENTS_DIR")
    path = Path(configured) if configured else Path(current_app.config["DATABASE"]).resolve().parent / "attachments"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def store(checked: Checked) -> str:
    """Write the file under a random name (atomically) and return the name."""
    name = secrets.token_hex(16)
    target = folder() / name
    temporary = target.with_suffix(".part")
    with open(temporary, "wb") as out:
        out.write(checked.data)
    os.replace(temporary, target)
    return name


def discard(stored_name: str) -> None:
    try:
        (folder() / stored_name).unlink()
    except FileNotFoundError:
        pass


def path_of(stored_name: str) -> Path:
    if not stored_name.isalnum():  # only names store() made
        raise FileNotFoundError(stored_name)
    return folder() / stored_name


def checked_attachments(form) -> list | None:
    """The form's file, checked; None (with the message on the field) when it is refused."""
    try:
        checked = check(request.files.get(form.attachment.name))
    except Refused as refused:
        form.attachment.errors = [str(refused.message)]
        return None
    return [checked] if checked else []
