"""The caseworker's conversation forms."""
import re
from datetime import time

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..forms import (DKBooleanField, DKDateField, DKIntegerField, DKRadioField, DKSelectField, DKStringField,
                     DKSubmitField, DKTextAreaField, RequiredWhen)
from ..dates import PLANNING_AHEAD
from ..idempotency import IdempotentForm
from .forms import PHONE
from .texts import EXEMPTION_REASONS

TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
DURATIONS = [SelectChoice("30", _l("30 minutes")), SelectChoice("45", _l("45 minutes")), SelectChoice("60", _l("1 hour"))]


def parse_time(value: str | None) -> time | None:
    match = TIME.match((value or "").strip())
    return time(int(match.group(1)), int(match.group(2))) if match else None


def _valid_time(form, field):
    if parse_time(field.data) is None:
        raise ValidationError(_l("Enter a time like 09:30"))


def _occurrence_field():
    # Asked only when the typed time occurs twice (the night summer time ends); see service.typed_time.
    return DKRadioField(_l("Which of the two times do you mean?"), choices=[
        SelectChoice("first", _l("The first, in summer time (before the clocks go back)")),
        SelectChoice("second", _l("The second, in winter time (after the clocks go back)"))],
        validators=[RequiredWhen(_l("required when the time occurs twice"))])


class DecideForm(FlaskForm):
    decision = DKRadioField(_l("Your decision"), choices=[SelectChoice("approve", _l("Approve")), SelectChoice("refuse", _l("Refuse"))],
                            validators=[DataRequired(_l("Choose approve or refuse"))])
    reason = DKTextAreaField(_l("Reason the citizen reads"),
                             validators=[RequiredWhen(_l("required if you refuse")), Length(max=500, message=_l("Write at most 500 characters"))])
    submit = DKSubmitField(_l("Save decision"))

    def validate_reason(self, field):
        if self.decision.data == "refuse" and not (field.data or "").strip():
            raise ValidationError(_l("Write the reason the citizen will read"))


class SlotForm(FlaskForm):
    day = DKDateField(_l("Date"), validators=[InputRequired(_l("Enter the date"))], ahead=PLANNING_AHEAD)
    start = DKStringField(_l("First time"), description=_l("For example 09:00"),
                          validators=[DataRequired(_l("Enter a time like 09:30")), _valid_time],
                          render_kw={"inputmode": "numeric"})
    occurrence = _occurrence_field()
    minutes = DKSelectField(_l("Length of each time"), choices=DURATIONS, default="45")
    in_a_row = DKIntegerField(_l("Number of times in a row"), default=1,
                              validators=[InputRequired(_l("Enter a number from 1 to 8")),
                                          NumberRange(1, 8, message=_l("Enter a number from 1 to 8"))])
    repeat_weeks = DKIntegerField(_l("Repeat every week for this many more weeks"), default=0,
                                  description=_l("0 publishes this week only."),
                                  validators=[InputRequired(_l("Enter a number from 0 to 12")),
                                              NumberRange(0, 12, message=_l("Enter a number from 0 to 12"))])
    offer_in_person = DKBooleanField(_l("In person"), default=True)
    offer_phone = DKBooleanField(_l("Phone"), default=True)
    offer_video = DKBooleanField(_l("Video"), default=True)
    location = DKStringField(_l("Place"), description=_l("Where conversations in person are held."),
                             validators=[Optional(), Length(max=200, message=_l("Write at most 200 characters"))])
    submit = DKSubmitField(_l("Publish times"))

    def validate_offer_in_person(self, field):
        if not (field.data or self.offer_phone.data or self.offer_video.data):
            raise ValidationError(_l("Choose at least one way of meeting"))

    def formats(self) -> list[str]:
        return [f for f, on in (("in_person", self.offer_in_person.data), ("phone", self.offer_phone.data),
                                ("video", self.offer_video.data)) if on]


class SummonForm(IdempotentForm):
    kind = DKSelectField(_l("Kind of conversation"), validators=[DataRequired(_l("Choose the kind of conversation"))])
    day = DKDateField(_l("Date"), validators=[InputRequired(_l("Enter the date"))], ahead=PLANNING_AHEAD)
    start = DKStringField(_l("Time"), description=_l("For example 09:00"),
                          validators=[DataRequired(_l("Enter a time like 09:30")), _valid_time],
                          render_kw={"inputmode": "numeric"})
    occurrence = _occurrence_field()
    minutes = DKSelectField(_l("Length"), choices=DURATIONS, default="45")
    format = DKRadioField(_l("How is it held?"), validators=[DataRequired(_l("Choose how the conversation is held"))])
    location = DKStringField(_l("Place"), description=_l("For conversations in person."),
                             validators=[Optional(), Length(max=200, message=_l("Write at most 200 characters"))])
    phone_number = DKStringField(_l("Phone number to call"), description=_l("For phone conversations."),
                                 validators=[Optional(), PHONE], render_kw={"inputmode": "tel"})
    prepare = DKTextAreaField(_l("What the citizen should prepare"),
                              validators=[Optional(), Length(max=500, message=_l("Write at most 500 characters"))])
    interpreter = DKStringField(_l("Interpreter language"), description=_l("Leave empty if no interpreter is needed."),
                                validators=[Optional(), Length(max=60, message=_l("Write at most 60 characters"))])
    submit = DKSubmitField(_l("Summon the citizen"))


class InvitationForm(IdempotentForm):
    kind = DKSelectField(_l("Kind of conversation"), validators=[DataRequired(_l("Choose the kind of conversation"))])
    deadline = DKDateField(_l("Book no later than"), validators=[InputRequired(_l("Enter the deadline"))],
                           ahead=PLANNING_AHEAD)
    window_start = DKDateField(_l("Earliest day for the conversation"),
                               validators=[InputRequired(_l("Enter the earliest day"))], ahead=PLANNING_AHEAD)
    window_end = DKDateField(_l("Latest day for the conversation"),
                             validators=[InputRequired(_l("Enter the latest day"))], ahead=PLANNING_AHEAD)
    prepare = DKTextAreaField(_l("What the citizen should prepare"),
                              validators=[Optional(), Length(max=500, message=_l("Write at most 500 characters"))])
    submit = DKSubmitField(_l("Ask the citizen to book"))


class AgreedFields:
    """"Det aftalte" on every form that marks a conversation held (the follow-up's too)."""
    agreed_citizen = DKTextAreaField(
        _l("What the citizen does before the next conversation"), id="agreed-citizen",
        description=_l("The citizen reads this in Min Plan under What we agreed."),
        validators=[Optional(), Length(max=1000, message=_l("Write at most 1000 characters"))])
    agreed_municipality = DKTextAreaField(
        _l("What the municipality does before the next conversation"), id="agreed-municipality",
        validators=[Optional(), Length(max=1000, message=_l("Write at most 1000 characters"))])
    agreed_until = DKDateField(_l("By when"), id="agreed-until",
                               description=_l("Usually the day of the next conversation."), validators=[Optional()])

    def agreed(self):
        from .held import Agreed
        return Agreed(self.agreed_citizen.data, self.agreed_municipality.data, self.agreed_until.data)


class HeldForm(AgreedFields, FlaskForm):
    summary = DKTextAreaField(_l("What was agreed"), description=_l("The citizen reads this in Min Plan."),
                              validators=[DataRequired(_l("Write a short summary of what was agreed")),
                                          Length(max=1000, message=_l("Write at most 1000 characters"))])
    next_step = DKTextAreaField(_l("Next step"), description=_l("Shown as the agreed next step in Min Plan."),
                                validators=[Optional(), Length(max=500, message=_l("Write at most 500 characters"))])
    submit = DKSubmitField(_l("Mark as held"))


class InPersonForm(FlaskForm):
    ground = DKRadioField(_l("Ground for requiring attendance in person"),
                          validators=[DataRequired(_l("Choose the ground for your assessment"))])
    note = DKTextAreaField(_l("Your concrete assessment of this citizen"),
                           description=_l("The citizen reads this. Choosing phone or video is never by itself a doubt about availability."),
                           validators=[DataRequired(_l("Describe your concrete assessment of this citizen")),
                                       Length(max=1000, message=_l("Write at most 1000 characters"))])
    submit = DKSubmitField(_l("Require attendance in person"))


class JobcenterCancelForm(FlaskForm):
    reason = DKTextAreaField(_l("Reason the citizen reads"),
                             validators=[DataRequired(_l("Write the reason the citizen will read")),
                                         Length(max=500, message=_l("Write at most 500 characters"))])
    submit = DKSubmitField(_l("Cancel the conversation"))


class ExemptionForm(FlaskForm):
    """On the case page beside other forms, so its field names are its own."""
    exempt_reason = DKSelectField(_l("Exempted from self-booking"),
                                  description=_l("An exempted citizen does not book times: you summon them."),
                                  validate_choice=False)  # the service checks the reason against the rules
    save_exemption = DKSubmitField(_l("Save exemption"))


def exemption_choices(rules) -> list:
    """'Not exempted', then the reasons the citizen's rules list."""
    return [SelectChoice("", _l("Not exempted"))] + [
        SelectChoice(code, EXEMPTION_REASONS[code]) for code in rules.self_booking_exemptions]


class ConfirmForm(FlaskForm):
    """A plain POST with its CSRF token (mark missed, withdraw a time, interpreter ordered)."""
