"""The caseworker's forms for the plan (app/plan/caseworker.py) and the citizen's receipt.
The service (app/plan/writing.py) checks the rules; the forms check the shape of the input."""
from flask_babel import lazy_gettext as _l
from wtforms.validators import InputRequired, Length, Optional

from ..forms import (DKBooleanField, DKDateField, DKIntegerField, DKRadioField, DKSelectField, DKStringField,
                     DKSubmitField, DKTextAreaField)
from ..idempotency import IdempotentForm
from . import writing


class GoalForm(IdempotentForm):
    kind = DKRadioField(_l("Kind of goal"), id="goal-kind", validators=[InputRequired(_l("Choose the kind of goal."))])
    title = DKStringField(
        _l("Goal"), id="goal-title", description=_l("For example a job in a field with demand. The citizen reads it."),
        validators=[InputRequired(_l("Write the goal.")),
                    Length(max=writing.TITLE_MAX, message=_l("Write at most %(max)d characters."))])
    note = DKTextAreaField(
        _l("Note to the citizen"), id="goal-note",
        validators=[Optional(), Length(max=writing.NOTE_MAX, message=_l("Write at most %(max)d characters."))])
    submit = DKSubmitField(_l("Save goal"), id="goal-submit")


class EndGoalForm(IdempotentForm):
    submit = DKSubmitField(_l("End goal"))


class ActivityForm(IdempotentForm):
    kind = DKSelectField(_l("Activity or offer"), id="activity-kind",
                         validators=[InputRequired(_l("Choose the kind of activity or offer."))])
    title = DKStringField(
        _l("Title"), id="activity-title", description=_l("What the citizen will see, for example 'Praktik hos Fjordby Lager'."),
        validators=[InputRequired(_l("Write a title the citizen will understand.")),
                    Length(max=writing.TITLE_MAX, message=_l("Write at most %(max)d characters."))])
    provider = DKStringField(
        _l("Provider or place"), id="activity-provider",
        validators=[Optional(), Length(max=writing.PROVIDER_MAX, message=_l("Write at most %(max)d characters."))])
    starts_on = DKDateField(_l("First day"), id="activity-starts",
                            validators=[InputRequired(_l("Enter the first day."))])
    ends_on = DKDateField(_l("Last day"), id="activity-ends", description=_l("Leave empty if you give the expected duration instead."),
                          validators=[Optional()])
    expected_weeks = DKIntegerField(_l("Expected duration in weeks"), id="activity-weeks",
                                    description=_l("Only when there is no last day yet."), validators=[Optional()])
    extended = DKBooleanField(_l("Extended after a concrete assessment"), id="activity-extended")
    hours_per_week = DKIntegerField(_l("Hours a week"), id="activity-hours", validators=[Optional()])
    status = DKRadioField(_l("Status"), id="activity-status", validators=[InputRequired(_l("Choose a status."))])
    cancel_reason = DKTextAreaField(
        _l("Reason for cancelling"), id="activity-reason", description=_l("Only when the status is Cancelled. The citizen can read it."),
        validators=[Optional(), Length(max=writing.REASON_MAX, message=_l("Write at most %(max)d characters."))])
    note = DKTextAreaField(
        _l("Note to the citizen"), id="activity-note",
        validators=[Optional(), Length(max=writing.NOTE_MAX, message=_l("Write at most %(max)d characters."))])
    submit = DKSubmitField(_l("Save activity"), id="activity-submit")

    FIELDS = ("kind", "title", "provider", "starts_on", "ends_on", "expected_weeks", "extended", "hours_per_week",
              "status", "cancel_reason", "note")

    def values(self) -> dict:
        return {name: getattr(self, name).data for name in self.FIELDS}


class ConfirmReadForm(IdempotentForm):
    submit = DKSubmitField(_l("I have read my plan"), id="confirm-read")
