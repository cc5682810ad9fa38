"""Forms of the sick-leave follow-up. Labels and messages through lazy_gettext."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from ..conversations.forms_caseworker import AgreedFields
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from .. import clock
from ..forms import DKBooleanField, DKDateField, DKIntegerField, DKRadioField, DKSubmitField, DKTextAreaField, RequiredWhen
from ..idempotency import IdempotentForm
from ..labels import FORMATS
from . import choices


class DayField(DKDateField):
    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, invalid_value_message=_l("Enter a real date"), **kwargs)


class HoursField(DKIntegerField):
    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, invalid_value_message=_l("Enter the hours as a whole number, for example 15"),
                         **kwargs)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _radio(label, options: dict, message, **kwargs):
    return DKRadioField(label, choices=list(options.items()), validators=[InputRequired(message)], **kwargs)


def not_in_future(form, field):
    if field.data and field.data > clock.today():
        raise ValidationError(_l("The date cannot be in the future"))


def not_in_past(form, field):
    if field.data and field.data < clock.today():
        raise ValidationError(_l("The date cannot be in the past"))


# SETTING: the earliest first day of absence the form takes; an older one is surely a typing
# error, or a case for the caseworker to look at.
EARLIEST_FIRST_DAY = timedelta(days=365)


def not_over_a_year_ago(form, field):
    if field.data and field.data < clock.today() - EARLIEST_FIRST_DAY:
        raise ValidationError(_l("Enter a date within the last year. If you have been ill for longer, tell your caseworker."))


def within_a_year(form, field):
    if field.data and field.data > clock.today() + timedelta(days=365):
        raise ValidationError(_l("Enter a date within the next year"))


def _hours_when(form, needed: bool, field, message, valid: bool) -> bool:
    """The hours are asked only for partial work: required then (Optional() would skip a check)."""
    if needed and field.data is None and not field.errors:
        field.errors = [message]
        return False
    return valid


class StepForm(FlaskForm):
    """One page of the information form: continue, or save and come back later."""
    submit = DKSubmitField(_l("Continue"))
    save_later = DKSubmitField(_l("Save and continue later"))


class EmploymentForm(StepForm):
    employment_status = _radio(_l("What were you doing when you became ill?"), choices.EMPLOYMENT,
                               _l("Choose what you were doing when you became ill"))


class AbsenceForm(StepForm):
    first_sick_day = DayField(
        _l("What was your first day of absence?"),
        description=_l("The first day you could not work because of your illness."),
        validators=[InputRequired(_l("Enter your first day of absence")), not_in_future, not_over_a_year_ago])


class PartialForm(StepForm):
    partial = _radio(_l("Do you work some of your hours while you are ill?"), choices.YES_NO,
                     _l("Choose whether you work some of your hours"),
                     description=_l("This is called partial sick leave (delvis sygemelding)."))
    partial_hours = HoursField(
        _l("If yes: how many hours a week do you work now?"),
        description=_l("A whole number, for example 15."),
        validators=[RequiredWhen(_l("required if you answered yes")), NumberRange(min=1, max=60, message=_l("Enter a number of hours from 1 to 60"))])

    def validate(self, extra_validators=None):
        return _hours_when(self, self.partial.data == "yes", self.partial_hours,
                           _l("Enter how many hours a week you work now"), super().validate(extra_validators))


class DurationForm(StepForm):
    expected_duration = _radio(_l("How long do you expect to be ill?"), choices.DURATION,
                               _l("Choose how long you expect to be ill"),
                               description=_l("Your best guess is fine. You can tell us later if it changes."))
    expected_return_on = DayField(
        _l("When do you expect to be back at work?"),
        description=_l("If you know a date, or your doctor has given you one."),
        validators=[Optional(), not_in_past, within_a_year])


class EmployerForm(StepForm):
    employer_knows = _radio(_l("What does your employer know about your sick leave?"), choices.EMPLOYER_KNOWS,
                            _l("Choose what your employer knows"))
    return_within = _radio("", choices.YES_NO_DONT_KNOW, _l("Choose whether you expect to be back in time"))
    employer_return_within = _radio(
        "", choices.YES_NO_DONT_KNOW, _l("Choose whether your employer expects you back in time"),
        description=_l("What your employer has told you. If you have not talked about it, choose \"I don't know yet\"."))


class HelpForm(StepForm):
    wants_help = _radio(_l("Would you like help from the municipality to return to work?"), choices.YES_NO,
                        _l("Choose whether you would like help to return to work"),
                        description=_l("For example a gradual return, aids at work or a talk with your employer."))
    retention_plan = _radio(_l("Have you or your employer asked for a retention plan (fastholdelsesplan)?"),
                            choices.RETENTION_ASKED, _l("Choose whether a retention plan has been asked for"),
                            description=_l("A retention plan describes how you can stay in your job while you are ill."))
    note = DKTextAreaField(_l("Is there anything else you would like the municipality to know?"),
                           validators=[Optional(), Length(max=1000, message=_l("Write at most 1000 characters"))])


class SubmitInfoForm(IdempotentForm):
    submit = DKSubmitField(_l("Send the form"))


class StatusForm(IdempotentForm):
    wellbeing = _radio(_l("How are you since we last talked?"), choices.WELLBEING, _l("Choose how you are"))
    treatment = _radio(_l("Are you in treatment?"), choices.TREATMENT, _l("Choose whether you are in treatment"))
    treatment_note = DKTextAreaField(
        _l("Tell us briefly about your treatment"), description=_l("For example a psychologist, physiotherapy or an operation."),
        validators=[Optional(), Length(max=1000, message=_l("Write at most 1000 characters"))])
    expected_return_on = DayField(_l("When do you expect to be back at work?"),
                                  validators=[Optional(), not_in_past, within_a_year])
    partial_possible = _radio(_l("Could you work some of your hours before you are fully well?"),
                              choices.YES_NO_DONT_KNOW, _l("Choose whether you could work some of your hours"))
    what_would_help = DKTextAreaField(
        _l("What would help you back to work?"),
        validators=[Optional(), Length(max=1000, message=_l("Write at most 1000 characters"))])
    submit = DKSubmitField(_l("Send my answers"))


class RequestForm(IdempotentForm):
    topic = DKTextAreaField(_l("What would you like to talk about?"),
                            validators=[Optional(), Length(max=1000, message=_l("Write at most 1000 characters"))])
    preferred_format = DKRadioField(_l("How would you like to meet?"), choices=list(FORMATS.items()),
                                    validators=[Optional()])
    submit = DKSubmitField(_l("Ask for a conversation"))


class ReturnForm(IdempotentForm):
    kind = _radio(_l("Are you back at work partly or fully?"), choices.RETURN_KIND,
                  _l("Choose whether you are back partly or fully"))
    on_date = DayField(_l("From which date?"), description=_l("It can also be a date in the coming days."),
                       validators=[InputRequired(_l("Enter the date you are back from")), within_a_year])
    hours = HoursField(_l("If partly: how many hours a week do you work?"),
                       validators=[RequiredWhen(_l("required if you are back partly")), NumberRange(min=1, max=60, message=_l("Enter a number of hours from 1 to 60"))])
    submit = DKSubmitField(_l("Register"))

    def validate(self, extra_validators=None):
        return _hours_when(self, self.kind.data == "partial", self.hours,
                           _l("Enter how many hours a week you work"), super().validate(extra_validators))


class RetentionAskForm(IdempotentForm):
    submit = DKSubmitField(_l("Ask for a retention plan"))


# ------------------------------------------------------------------ the caseworker
class ActionForm(FlaskForm):
    """A one-button action: only the CSRF token."""


class SendFormForm(IdempotentForm):
    submit = DKSubmitField(_l("Send the information form"))


class HeldForm(AgreedFields, FlaskForm):
    summary = DKTextAreaField(
        _l("Short note to the citizen"), description=_l("What you talked about. The citizen reads it on Min Plan."),
        filters=[_strip],
        validators=[DataRequired(_l("Write a short note to the citizen")),
                    Length(max=2000, message=_l("Write at most 2000 characters"))])
    next_step = DKTextAreaField(_l("Agreed next step"),
                                validators=[Optional(), Length(max=500, message=_l("Write at most 500 characters"))])
    # Shown only at a first follow-up with an employed citizen, where the rules know the rule.
    predictable = DKBooleanField(_l("Predictable course: only this first conversation is required"))
    submit = DKSubmitField(_l("Mark as held"))


class RetentionStatusForm(FlaskForm):
    status = _radio(_l("Status of the retention plan"), choices.RETENTION_STATUS, _l("Choose a status"))
    note = DKTextAreaField(_l("Note to the citizen"),
                           validators=[Optional(), Length(max=500, message=_l("Write at most 500 characters"))])
    submit = DKSubmitField(_l("Save"))
