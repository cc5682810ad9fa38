"""The report forms. Dates beyond the form's window are refused by the field with a message;
the rules' own limits (how far back or ahead, the holiday notice) are checked in service.py."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from wtforms.validators import InputRequired, Length, Optional

from ..forms import DKDateField, DKRadioField, DKSubmitField, DKTextAreaField
from ..idempotency import IdempotentForm

FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"]
# SETTING: dates a report can have at all on the form (the rules narrow it further).
BACK = timedelta(days=366)
AHEAD = timedelta(days=2 * 366)
MAX_NOTE = 1000


class ReportDateField(DKDateField):
    """An empty date is 'missing', not 'invalid' (as the joblog's date field)."""

    def process_formdata(self, valuelist):
        if not valuelist or not "".join(valuelist).strip():
            self.data = None
            self.raw_data = []
            return
        super().process_formdata(valuelist)


def _date(label, missing, description=None):
    return ReportDateField(label, description=description, format=FORMATS,
                           invalid_value_message=_l("Enter a real date, for example 23-11-2026"),
                           validators=[InputRequired(missing)], back=BACK, ahead=AHEAD)


class SickForm(IdempotentForm):
    from_date = _date(_l("First day of illness"), _l("Enter your first day of illness"),
                      _l("Usually today. You can also report a planned stay in hospital ahead of time."))
    submit = DKSubmitField(_l("Report sick"))


class FitForm(IdempotentForm):
    fit_on = _date(_l("First day you are fit"), _l("Enter the first day you are fit"),
                   _l("The first day you can work again, usually today."))
    submit = DKSubmitField(_l("Report fit"))


class HolidayForm(IdempotentForm):
    from_date = _date(_l("First day of holiday"), _l("Enter the first day of your holiday"))
    to_date = _date(_l("Last day of holiday"), _l("Enter the last day of your holiday"))
    submit = DKSubmitField(_l("Report holiday"))


class DecideHolidayForm(IdempotentForm):
    decision = DKRadioField(_l("Answer"), choices=[("agreed", _l("Agreed")), ("not_agreed", _l("Not agreed"))],
                            validators=[InputRequired(_l("Choose an answer"))],
                            invalid_choice_message=_l("Choose an answer"))
    note = DKTextAreaField(_l("Note to the citizen"), description=_l("At most %(max)d characters.", max=MAX_NOTE),
                           filters=[lambda v: v.strip() if isinstance(v, str) else v],
                           validators=[Optional(), Length(max=MAX_NOTE, message=_l("The note can be at most %(max)d characters"))])
    submit = DKSubmitField(_l("Save answer"))
