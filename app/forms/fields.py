"""WTForms fields whose default widget renders DKFDS markup. Every text a person types goes
through `text.normalise` first (no control or bidi-override characters, NFC), whatever form
the field is in; a form's own filters and validators then see the clean text."""
from functools import partial

from wtforms import (BooleanField, DateField, EmailField, IntegerField, PasswordField, RadioField,
                     SelectField, StringField, SubmitField, TextAreaField)

from . import text
from . import widgets as w


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
    widget = w.DKDateInput()


class DKIntegerField(IntegerField):
    widget = w.DKNumberInput()


class DKTextAreaField(_Normalised, TextAreaField):
    widget = w.DKTextArea()
    multiline = True


class DKSelectField(SelectField):
    widget = w.DKSelect()


class DKRadioField(RadioField):
    widget = w.DKRadioGroup()


class DKBooleanField(BooleanField):
    widget = w.DKCheckbox()


class DKSubmitField(SubmitField):
    widget = w.DKSubmit()
