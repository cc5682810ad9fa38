"""The joblog's forms: an entry (add and edit), deleting one, and the history filter."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import DataRequired, InputRequired, Length, Optional, Regexp, ValidationError

from ..forms import DKDateField, DKRadioField, DKSelectField, DKStringField, DKSubmitField, DKTextAreaField, RequiredWhen
from ..idempotency import IdempotentForm
from .labels import KINDS, STATUSES

# Length limits (characters), checked with a message rather than cut off by the browser.
MAX_NAME = 200
MAX_NOTE = 1000
MAX_URL = 500
# SETTING: the dates an entry can have at all; which periods are still open is the rules' part.
JOBLOG_BACK = timedelta(days=365)
JOBLOG_AHEAD = timedelta(days=365)


class EntryDateField(DKDateField):
    """An empty date is 'missing' (InputRequired says so), not 'invalid'. Besides the ISO date a
    date input sends, the forms people type are accepted where a browser has no date picker."""

    def process_formdata(self, valuelist):
        if not valuelist or not "".join(valuelist).strip():
            self.data = None
            self.raw_data = []  # only spaces is no input: InputRequired looks at the raw data
            return
        super().process_formdata(valuelist)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _choices(mapping):
    return [(code, text) for code, text in mapping.items()]


class EntryForm(IdempotentForm):
    kind = DKRadioField(_l("Type"), choices=_choices(KINDS), default="advertised",
                        validators=[InputRequired(_l("Choose the type of job search"))],
                        invalid_choice_message=_l("Choose the type of job search"))
    employer = DKStringField(
        _l("Employer"), filters=[_strip], validators=[DataRequired(_l("Enter the employer")),
                                    Length(max=MAX_NAME, message=_l("The employer can be at most %(max)d characters"))])
    job_title = DKStringField(
        _l("Job title"), filters=[_strip],
        # Not stopping the chain when empty: validate_job_title asks for it.
        validators=[RequiredWhen(_l("required unless it is other job-search activity"), stop_if_empty=False),
                    Length(max=MAX_NAME, message=_l("The job title can be at most %(max)d characters"))])
    applied_on = EntryDateField(
        _l("Date"), description=_l("The day you sent the application or did the activity."),
        format=["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y"],
        invalid_value_message=_l("Enter a real date, for example 23-11-2026"),
        validators=[InputRequired(_l("Enter the date"))], back=JOBLOG_BACK, ahead=JOBLOG_AHEAD)
    source = DKStringField(
        _l("Where did you find the job?"), filters=[_strip], description=_l("For example Jobnet, LinkedIn or the company's website."),
        validators=[Optional(), Length(max=MAX_NAME, message=_l("Where you found the job can be at most %(max)d characters"))])
    status = DKRadioField(_l("Status"), choices=_choices(STATUSES), default="sent",
                          validators=[InputRequired(_l("Choose the status"))],
                          invalid_choice_message=_l("Choose the status"))
    note = DKTextAreaField(
        _l("Note"), filters=[_strip], description=_l("At most %(max)d characters.", max=MAX_NOTE),
        validators=[Optional(), Length(max=MAX_NOTE, message=_l("The note can be at most %(max)d characters"))])
    url = DKStringField(
        _l("Link to the job advert"), filters=[_strip], description=_l("Starts with https://"),
        validators=[Optional(), Length(max=MAX_URL, message=_l("The link can be at most %(max)d characters")),
                    Regexp(r"^https?://[^\s/$.?#][^\s]*$", message=_l("Enter a link that starts with https://"))])
    submit = DKSubmitField(_l("Save"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.job_title.flags.required = True  # required except for other activity; not "(optional)"

    def validate_job_title(self, field):
        if self.kind.data in ("advertised", "unsolicited", "interview") and not (field.data or "").strip():
            raise ValidationError(_l("Enter the job title"))

    def values(self) -> dict:
        return {name: getattr(self, name).data for name in
                ("kind", "employer", "job_title", "applied_on", "source", "note", "url", "status")}


class DeleteForm(IdempotentForm):
    submit = DKSubmitField(_l("Delete entry"))


class FilterForm(FlaskForm):
    """A GET form: filtering changes nothing, so no CSRF token."""

    class Meta:
        csrf = False

    kind = DKSelectField(_l("Type"), validators=[Optional()])
    status = DKSelectField(_l("Status"), validators=[Optional()])
    q = DKStringField(_l("Search employer or job title"),
                      validators=[Optional(), Length(max=100, message=_l("Write at most 100 characters"))])
    submit = DKSubmitField(_l("Show"), id="filter-submit")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [("", _l("All types"))] + _choices(KINDS)
        self.status.choices = [("", _l("All statuses"))] + _choices(STATUSES)

    @property
    def active(self) -> bool:
        return bool(self.kind.data or self.status.data or (self.q.data or "").strip())
