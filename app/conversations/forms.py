"""The citizen's conversation forms. Choices that depend on the rules are set by the view."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from ..forms import DKRadioField, DKStringField, DKSubmitField, DKTextAreaField, RequiredWhen
from ..idempotency import SUBMISSION_KEY_FORMAT, IdempotentForm
from ..phone import PhoneNumber

# A number we call: Danish, 8 digits (app/phone.py).
PHONE = PhoneNumber()


def format_choices(formats, labels_map) -> list:
    return [(f, str(labels_map[f])) for f in formats]


class FormatForm(FlaskForm):
    """The page contract: radio `format`, textarea `reason`, text `phone_number` (contract.md)."""
    format = DKRadioField(_l("How do you want to meet?"),
                          validators=[DataRequired(_l("Choose how you want to meet"))])
    reason = DKTextAreaField(_l("Why do you want to change?"),
                             description=_l("The municipality reads this when the change needs its approval."),
                             validators=[RequiredWhen(_l("required if the municipality must approve the change")),
                                         Length(max=500, message=_l("Write at most 500 characters"))])
    phone_number = DKStringField(_l("Phone number we should call"),
                                 description=_l("Only for phone conversations."),
                                 validators=[Optional(), PHONE], render_kw={"autocomplete": "tel", "inputmode": "tel"})
    submission_key = HiddenField(validators=[Optional(), SUBMISSION_KEY_FORMAT])
    submit = DKSubmitField(_l("Save"))


class BookForm(IdempotentForm):
    format = DKRadioField(_l("How do you want to meet?"),
                          validators=[DataRequired(_l("Choose how you want to meet"))])
    phone_number = DKStringField(_l("Phone number we should call"),
                                 description=_l("Only for phone conversations."),
                                 validators=[Optional(), PHONE], render_kw={"autocomplete": "tel", "inputmode": "tel"})
    submit = DKSubmitField(_l("Book this time"))


class CancelForm(IdempotentForm):
    reason = DKRadioField(_l("Why can you not come?"),
                          validators=[DataRequired(_l("Choose why you cannot come"))])
    cancel_text = DKTextAreaField(_l("Tell us more"),
                                  validators=[RequiredWhen(_l("required if you choose another reason")),
                                              Length(max=500, message=_l("Write at most 500 characters"))])
    submit = DKSubmitField(_l("Send: I can't come"))

    def validate_cancel_text(self, field):
        if self.reason.data == "other" and not (field.data or "").strip():
            raise ValidationError(_l("Tell us why you cannot come"))


class RateForm(FlaskForm):
    rating = DKRadioField(_l("How much did the conversation help you?"),
                          description=_l("1 means it did not help. 6 means it helped a lot."),
                          choices=[SelectChoice(str(n), str(n)) for n in range(1, 7)],
                          validators=[InputRequired(_l("Choose a number from 1 to 6"))])
    comment = DKTextAreaField(_l("Comment"),
                              description=_l("Do not write names. The municipality sees comments without your name."),
                              validators=[Optional(), Length(max=500, message=_l("Write at most 500 characters"))])
    submit = DKSubmitField(_l("Send rating"))


class InterpreterForm(FlaskForm):
    language = DKStringField(_l("Which language do you need an interpreter for?"),
                             description=_l("For example Arabic, Tigrinya or Danish sign language."),
                             validators=[DataRequired(_l("Enter the language")),
                                         Length(max=60, message=_l("Write at most 60 characters"))])
    submit = DKSubmitField(_l("Send to the municipality"))
