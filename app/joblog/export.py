"""The citizen's own entries as CSV: a header row, UTF-8 with a byte-order mark so Excel reads
Danish letters, semicolons because Danish Excel splits on them, and no CPR number."""
import csv
import io

from flask_babel import gettext as _

from .. import clock
from .. import labels as app_labels
from .labels import KINDS, STATUSES

# A cell starting with one of these would be run as a formula by a spreadsheet.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _local(value: str | None) -> str:
    """Copenhagen wall time, as a spreadsheet reads it."""
    try:
        return clock.local(clock.from_db(value)).strftime("%Y-%m-%d %H:%M") if value else ""
    except ValueError:
        return str(value)


def entries_csv(entries: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([_("Date"), _("Type"), _("Employer"), _("Job title"), _("Where found"), _("Status"),
                     _("Note"), _("Link"), _("Registered")])
    for entry in entries:
        writer.writerow([
            entry["applied_on"],
            app_labels.label(KINDS, entry["kind"]),
            _safe(entry["employer"]),
            _safe(entry["job_title"]),
            _safe(entry["source"]),
            app_labels.label(STATUSES, entry["status"]),
            _safe(entry["note"]),
            _safe(entry["url"]),
            _local(entry["created_at"]),
        ])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
