"""DKFDS-rendering WTForms fields: `{{ form.email() }}` prints the whole DKFDS form group
(label, hint, error message, input) so templates never repeat that markup."""
from .fields import (DKBooleanField, DKDateField, DKEmailField, DKIntegerField, DKPasswordField,
                     DKRadioField, DKSelectField, DKStringField, DKSubmitField, DKTextAreaField, RequiredWhen)

__all__ = ["DKBooleanField", "DKDateField", "DKEmailField", "DKIntegerField", "DKPasswordField",
           "DKRadioField", "DKSelectField", "DKStringField", "DKSubmitField", "DKTextAreaField", "RequiredWhen"]
