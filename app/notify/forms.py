from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import Email, InputRequired, Length, Optional

from ..forms import DKBooleanField, DKEmailField, DKRadioField, DKStringField, DKSubmitField
from ..phone import MOBILE_MESSAGE, PhoneNumber


class SettingsForm(FlaskForm):
    language = DKRadioField(
        _l("Language"), description=_l("Min Plan and your messages use this language."),
        choices=[("da", "Dansk"), ("en", "English")],
        validators=[InputRequired(_l("Choose a language"))])
    email = DKEmailField(
        _l("E-mail"), validators=[Optional(), Length(max=254, message=_l("The e-mail address is too long")),
                                  Email(message=_l("Enter an e-mail address like name@example.com"))])
    phone = DKStringField(
        _l("Mobile number"), description=_l("8 digits, for example 12 34 56 78"),
        validators=[Optional(), Length(max=20, message=MOBILE_MESSAGE), PhoneNumber(MOBILE_MESSAGE)])
    notify_email = DKBooleanField(_l("By e-mail"))
    notify_sms = DKBooleanField(_l("By SMS"))
    remind_conversation = DKBooleanField(_l("Before each conversation"))
    remind_joblog = DKBooleanField(_l("Before the joblog deadline"))
    remind_self_booking = DKBooleanField(_l("Before a deadline to book a conversation"))
    submit = DKSubmitField(_l("Save settings"))

    # The channels that run (app/notify/channels.available_channels); the view sets it. A channel
    # that does not run cannot be chosen here, so it needs no address either.
    channels_running = frozenset({"inapp", "email", "sms"})

    def validate(self, extra_validators=None):
        """A channel needs its address: the error goes on the address the citizen must fill in."""
        valid = super().validate(extra_validators)
        running = self.channels_running
        if "email" in running and self.notify_email.data and not (self.email.data or "").strip():
            self.email.errors = [*self.email.errors, _l("Enter your e-mail address to get messages by e-mail")]
            valid = False
        if "sms" in running and self.notify_sms.data and not (self.phone.data or "").strip():
            self.phone.errors = [*self.phone.errors, _l("Enter your mobile number to get messages by SMS")]
            valid = False
        return valid
