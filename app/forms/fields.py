"""WTForms fields whose default widget renders DKFDS markup. Every text a person types goes
through `text.normalise` first (no control or bidi-override characters, NFC), whatever form
the field is in; a form's own filters and validators then see the clean text.

What a field itself refuses (a value that is no date, no whole number, not one of the choices)
gets the app's own message, in the reader's language: WTForms' defaults are English only (it
has no Danish catalogue). A form may still give a field a message that says more."""
from datetime import date
from functools import partial

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (BooleanField, DateField, EmailField, IntegerField, PasswordField, RadioField,
                     SelectField, StringField, SubmitField, TextAreaField)
from wtforms.validators import Optional, ValidationError

from .. import dates
from ..i18n import fmt_date
from . import text
from . import widgets as w


class RequiredWhen(Optional):
    """A field required only in some case (another reason chosen, a refusal): empty is allowed by
    the field itself (the form checks the case), and the label says when it must be filled in
    instead of "(optional)", e.g. RequiredWhen(_l("required if you refuse"))."""

    def __init__(self, when, stop_if_empty: bool = True):
        super().__init__()
        self.stop_if_empty = stop_if_empty  # False: the form's own validate_<field> still runs
        self.field_flags = {"optional": True, "required_when": when}

    def __call__(self, form, field):
        if self.stop_if_empty:
            super().__call__(form, field)


NOT_A_DATE = _l("Enter a real date")
NOT_A_WHOLE_NUMBER = _l("Enter a whole number")
NOT_A_CHOICE = _l("Choose one of the options")


class _Normalised:
    """Mixin: the normalisation runs before the filters the field is given."""
    multiline = False

    def __init__(self, *args, filters=(), **kwargs):
        super().__init__(*args, filters=(partial(text.normalise, multiline=self.multiline), *filters), **kwargs)


class DKStringField(_Normalised, StringField):
    widget = w.DKTextInput()


class DKEmailField(_Normalised, EmailField):
    widget = w.DKEmailInput()


class DKPasswordField(PasswordField):
    # Not normalised: a password is compared exactly as it was typed.
    widget = w.DKPasswordInput()


class DKDateField(DateField):
    """A date within `back` and `ahead` of today (app/dates.py): a year like 9999 or 1 is a
    typing error, refused here with a message naming the days that can be entered."""
    widget = w.DKDateInput()

    def __init__(self, *args, back=dates.WINDOW_BACK, ahead=dates.WINDOW_AHEAD, **kwargs):
        kwargs.setdefault("invalid_value_message", NOT_A_DATE)
        super().__init__(*args, **kwargs)
        self.back, self.ahead = back, ahead

    def post_validate(self, form, validation_stopped):
        if self.errors or not isinstance(self.data, date):
            return
        if not dates.within(self.data, self.back, self.ahead):
            first, last = dates.window(self.back, self.ahead)
            raise ValidationError(_("Enter a date from %(first)s to %(last)s",
                                    first=fmt_date(first), last=fmt_date(last)))


class DKIntegerField(IntegerField):
    widget = w.DKNumberInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_value_message", NOT_A_WHOLE_NUMBER)
        super().__init__(*args, **kwargs)


class DKTextAreaField(_Normalised, TextAreaField):
    widget = w.DKTextArea()
    multiline = True


class _Choices:
    """Mixin: a value not among the choices (or one that cannot be coerced) has our message."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("invalid_choice_message", NOT_A_CHOICE)
        kwargs.setdefault("invalid_value_message", kwargs["invalid_choice_message"])
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        # Only spaces is no choice at all. Kept as it was, Optional() would take "   " for empty,
        # clear the "not a choice" error and let it through as the value.
        if valuelist and isinstance(valuelist[0], str) and not valuelist[0].strip():
            valuelist = [""]
        super().process_formdata(valuelist)


class DKSelectField(_Choices, SelectField):
    widget = w.DKSelect()


class DKRadioField(_Choices, RadioField):
    widget = w.DKRadioGroup()


class DKBooleanField(BooleanField):
    widget = w.DKCheckbox()


class DKSubmitField(SubmitField):
    widget = w.DKSubmit()
