from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from ..idempotency import IdempotentForm
from ..forms import (DKBooleanField, DKDateField, DKIntegerField, DKRadioField, DKSelectField, DKStringField,
                     DKSubmitField, DKTextAreaField)


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
    from_current_period = DKBooleanField(_l("Apply it to the current period too"),
                                         description=_l("Otherwise it applies from the next period."))
    submit = DKSubmitField(_l("Save requirement"))


class CitizenSearchForm(FlaskForm):
    """A GET form: searching changes nothing, so no CSRF token (and the query is no secret)."""

    class Meta:
        csrf = False

    q = DKStringField(_l("Name"), id="search-q",
                      description=_l("Or the CPR number as it is shown masked, for example 010185-XXXX."),
                      validators=[Optional(), Length(max=100, message=_l("Write at most 100 characters"))])
    group = DKSelectField(_l("Target group"), id="search-group", validators=[Optional()])
    submit = DKSubmitField(_l("Search"), id="search-submit")


class ContactExemptionForm(FlaskForm):
    """Exempt a citizen from the contact course's required conversations and/or offers (law no.
    1750); the choices of `covers` come from the rules of the citizen's group. The ids keep it
    apart from the other forms on the case page."""
    covers = DKRadioField(_l("Exempt from"), id="exemption-covers",
                          validators=[InputRequired(_l("Choose what the citizen is exempted from"))])
    reason = DKRadioField(_l("Reason"), id="exemption-reason", validators=[InputRequired(_l("Choose the reason"))])
    note = DKTextAreaField(
        _l("Note"), id="exemption-note",
        description=_l("The concrete assessment in a few words. Needed for another reason. The citizen can read it."),
        validators=[Optional(), Length(max=500, message=_l("The note can be at most 500 characters"))])
    from_date = DKDateField(_l("From"), id="exemption-from", invalid_value_message=_l("Enter a real date"),
                            validators=[InputRequired(_l("Enter the first day of the exemption"))])
    to_date = DKDateField(_l("To and including"), id="exemption-to", invalid_value_message=_l("Enter a real date"),
                          validators=[InputRequired(_l("Enter the last day of the exemption"))])
    submit = DKSubmitField(_l("Exempt the citizen"), id="exemption-submit")


class EndExemptionForm(FlaskForm):
    submit = DKSubmitField(_l("End the exemption now"), id="exemption-end")


class TargetGroupForm(IdempotentForm):
    """Change the citizen's target group from a date, with a reason (app/caseworker/service.change_group)."""
    group = DKSelectField(_l("New target group"), id="group-new", validators=[InputRequired(_l("Choose a target group."))])
    on_date = DKDateField(_l("From"), id="group-from", description=_l("The rules of the new group apply from this day."),
                          validators=[InputRequired(_l("Enter the day the change starts"))])
    reason = DKTextAreaField(
        _l("Reason"), id="group-reason", description=_l("The citizen can read it."),
        validators=[InputRequired(_l("Write the reason for the change")),
                    Length(max=500, message=_l("The reason can be at most 500 characters"))])
    submit = DKSubmitField(_l("Change target group"), id="group-submit")
