from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from ..forms import DKBooleanField, DKIntegerField, DKSelectField, DKStringField, DKSubmitField, DKTextAreaField


class JoblogRequirementForm(FlaskForm):
    count = DKIntegerField(
        _l("Job applications per period"),
        description=_l("A whole number from 0 to 50. The citizen sees it in Min Plan."),
        validators=[InputRequired(_l("Enter the number of job applications per period")),
                    NumberRange(min=0, max=50, message=_l("Enter a whole number from 0 to 50"))])
    note = DKTextAreaField(
        _l("Note to the citizen"), description=_l("Why this number. The citizen can read the note."),
        validators=[Optional(), Length(max=500, message=_l("The note can be at most 500 characters"))])
    use_default = DKBooleanField(_l("Use the default of the rules instead"))
    submit = DKSubmitField(_l("Save requirement"))


class CitizenSearchForm(FlaskForm):
    """A GET form: searching changes nothing, so no CSRF token (and the query is no secret)."""

    class Meta:
        csrf = False

    q = DKStringField(_l("Name"), id="search-q",
                      validators=[Optional(), Length(max=100, message=_l("Write at most 100 characters"))])
    group = DKSelectField(_l("Target group"), id="search-group", validators=[Optional()])
    submit = DKSubmitField(_l("Search"), id="search-submit")
