from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import DataRequired, Email, Length, Optional

from ..forms import DKEmailField, DKPasswordField, DKRadioField, DKStringField, DKSubmitField


class CaseworkerLoginForm(FlaskForm):
    email = DKEmailField(_l("E-mail"), validators=[
        DataRequired(_l("Enter your work e-mail address")),
        Email(_l("Enter an e-mail address like name@kommune.dk"), check_deliverability=False),
        Length(max=200, message=_l("Enter an e-mail address like name@kommune.dk"))],
        render_kw={"autocomplete": "username"})
    password = DKPasswordField(_l("Password"), validators=[
        DataRequired(_l("Enter your password")), Length(max=200, message=_l("The e-mail or the password is wrong."))],
        render_kw={"autocomplete": "current-password"})
    submit = DKSubmitField(_l("Log in"))


class DevLoginForm(FlaskForm):
    citizen = DKRadioField(_l("Choose a test citizen"), coerce=int,
                           validators=[DataRequired(_l("Choose the citizen you want to log in as"))],
                           invalid_choice_message=_l("Choose the citizen you want to log in as"))
    submit = DKSubmitField(_l("Log in as test citizen"))


class DevCitizenSearchForm(FlaskForm):
    """The test login's search: a GET form (it changes nothing, so no CSRF token)."""

    class Meta:
        csrf = False

    q = DKStringField(_l("Name of the test citizen"), id="search-q",
                      description=_l("Part of the name is enough, for example Jensen."),
                      validators=[Optional(), Length(max=100, message=_l("Write at most 100 characters"))])
    submit = DKSubmitField(_l("Search"), id="search-submit")


class LogoutForm(FlaskForm):
    pass
