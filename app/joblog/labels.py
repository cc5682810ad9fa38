"""Names users read for the joblog's codes, and a period's name. Display only."""
import calendar

from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

KINDS = {
    "advertised": _l("Application for an advertised job"),
    "unsolicited": _l("Unsolicited application"),
    "interview": _l("Job interview"),
    "other": _l("Other job-search activity"),
}

STATUSES = {
    "sent": _l("Sent"),
    "interview": _l("Called to interview"),
    "rejected": _l("Rejected"),
    "offered": _l("Offered the job"),
    "hired": _l("Hired"),
}

# DKFDS badge variants per entry status
STATUS_BADGE = {"sent": "badge-info", "interview": "badge-info", "rejected": "", "offered": "badge-success",
                "hired": "badge-success"}

# The state of a period
STATES = {
    "open": _l("Open"),
    "met": _l("Met"),
    "missed": _l("Not met"),
    "not_required": _l("No requirement"),
    "paused": _l("No requirement: sick or on holiday"),
    "no_requirement": _l("No requirement now"),  # entries from days the present group has no duty
}
STATE_BADGE = {"open": "badge-info", "met": "badge-success", "missed": "badge-error", "not_required": "", "paused": "",
               "no_requirement": ""}


def _short(day, with_year: bool) -> str:
    danish = str(get_locale()) == "da"
    pattern = ("d. MMM" if danish else "d MMM") + (" y" if with_year else "")
    return format_date(day, pattern)


def period_name(period) -> str:
    """'Week 48, 23 Nov – 29 Nov 2026', 'January 2027', or the dates of a shortened period."""
    whole_month = (period.start.day == 1 and period.start.month == period.end.month
                   and period.end.day == calendar.monthrange(period.end.year, period.end.month)[1])
    if period.kind == "month" and whole_month:
        return format_date(period.start, "LLLL y").capitalize()
    span = _("%(start)s – %(end)s", start=_short(period.start, period.start.year != period.end.year),
             end=_short(period.end, True))
    if period.kind == "week":
        return _("Week %(num)s, %(dates)s", num=period.start.isocalendar().week, dates=span)
    return span
