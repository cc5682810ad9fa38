"""How to reach the municipality (issue 14): its employment service's name, phone, e-mail,
address, opening hours and where to find it, as data on `municipalities` (migration 0018), and
the answer time it promises for a message (a SETTING per municipality).

`Contact.of_municipality(row)` reads a municipalities row; `Contact.of_citizen(row)` reads the
citizen row the login loads (auth.queries.citizen_by_id joins the municipality's columns with a
`municipality_` prefix), so a page shows the contact block without a query of its own. The
template global `municipality_contact()` is the logged-in citizen's; the macro
`contact_block` in templates/components/contact.html shows it."""
import json
from dataclasses import dataclass, field
from datetime import date

from babel.dates import get_day_names
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from . import phone
from .workdays import add_working_days

DEFAULT_ANSWER_DAYS = 2  # SETTING: the migration's default when a municipality has not chosen


@dataclass(frozen=True)
class OpeningHours:
    days: tuple[int, ...]  # Monday = 0
    opens: str             # "HH:MM"
    closes: str

    def text(self) -> str:
        names = get_day_names("wide", locale=str(get_locale()))
        days = sorted(self.days)
        if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
            day_text = _("%(first)s to %(last)s", first=names[days[0]], last=names[days[-1]])
        else:
            day_text = ", ".join(names[d] for d in days)
        return _("%(days)s %(opens)s-%(closes)s", days=day_text[:1].upper() + day_text[1:], opens=_clock(self.opens),
                 closes=_clock(self.closes))


def _clock(value: str) -> str:
    """Danish "9.00", English "09:00"."""
    return value.replace(":", ".").removeprefix("0") if str(get_locale()) == "da" else value


def parse_hours(raw: str | None) -> tuple[OpeningHours, ...]:
    """The stored JSON; anything malformed is left out rather than shown wrong."""
    try:
        items = json.loads(raw or "[]")
    except ValueError:
        return ()
    found = []
    for item in items if isinstance(items, list) else ():
        try:
            days = tuple(int(d) for d in item["days"] if 0 <= int(d) <= 6)
            opens, closes = str(item["opens"]), str(item["closes"])
        except (KeyError, TypeError, ValueError):
            continue
        if days and len(opens) == 5 and len(closes) == 5:
            found.append(OpeningHours(days, opens, closes))
    return tuple(found)


@dataclass(frozen=True)
class Contact:
    service: str
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    hours: tuple[OpeningHours, ...] = field(default_factory=tuple)
    directions: str | None = None
    answer_days: int = DEFAULT_ANSWER_DAYS

    @property
    def phone_href(self) -> str | None:
        return phone.tel_href(self.phone)

    def hours_text(self) -> str:
        return "; ".join(h.text() for h in self.hours)

    def answer_by(self, asked_on: date) -> date:
        """The last day of the promised answer time for a message written on `asked_on`."""
        return add_working_days(asked_on, self.answer_days)

    def answer_text(self) -> str:
        return _("We normally answer within %(num)s working days.", num=self.answer_days) if self.answer_days != 1 \
            else _("We normally answer within 1 working day.")

    @classmethod
    def of_municipality(cls, row) -> "Contact":
        row = dict(row)
        return cls(service=row["jobcenter_name"], phone=row.get("phone"), email=row.get("email"),
                   address=row.get("address"), hours=parse_hours(row.get("opening_hours")),
                   directions=row.get("directions"),
                   answer_days=row.get("answer_days") or DEFAULT_ANSWER_DAYS)

    @classmethod
    def of_citizen(cls, row) -> "Contact":
        row = dict(row)
        return cls(service=row["jobcenter_name"], phone=row.get("municipality_phone"),
                   email=row.get("municipality_email"), address=row.get("municipality_address"),
                   hours=parse_hours(row.get("municipality_opening_hours")),
                   directions=row.get("municipality_directions"),
                   answer_days=row.get("municipality_answer_days") or DEFAULT_ANSWER_DAYS)


def for_current_citizen() -> Contact | None:
    """The logged-in citizen's municipality (from the row the login loaded); None otherwise."""
    if not getattr(current_user, "is_authenticated", False) or current_user.kind != "citizen":
        return None
    return Contact.of_citizen(current_user.row)


def of_params(params: dict) -> Contact | None:
    """From a notice's snapshot (app/notify: the sweep's citizen row, `jobcenter_*` columns)."""
    if not params.get("jobcenter"):
        return None
    return Contact(service=params["jobcenter"], phone=params.get("jobcenter_phone"),
                   hours=parse_hours(params.get("jobcenter_hours")))


def init_app(app):
    app.jinja_env.globals.update(municipality_contact=for_current_citizen, contact_of=Contact.of_municipality)
