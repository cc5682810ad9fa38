"""WTForms fields whose default widget renders DKFDS markup."""
from wtforms import (BooleanField, DateField, EmailField, IntegerField, PasswordField, RadioField,
                     SelectField, StringField, SubmitField, TextAreaField)

from . import widgets as w


class DKStringField(StringField):
    widget = w.DKTextInput()


class DKEmailField(EmailField):
    widget = w.DKEmailInput()


class DKPasswordField(PasswordField):
    widget = w.DKPasswordInput()


class DKDateField(DateField):
    widget = w.DKDateInput()


class DKIntegerField(IntegerField):
    widget = w.DKNumberInput()


class DKTextAreaField(TextAreaField):
    widget = w.DKTextArea()


class DKSelectField(SelectField):
    widget = w.DKSelect()


class DKRadioField(RadioField):
    widget = w.DKRadioGroup()


class DKBooleanField(BooleanField):
    widget = w.DKCheckbox()


class DKSubmitField(SubmitField):
    widget = w.DKSubmit()
