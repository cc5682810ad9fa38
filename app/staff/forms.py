from flask_babel import lazy_gettext as _l
from wtforms import HiddenField
from wtforms.validators import AnyOf, DataRequired, Email, Length

from ..auth.service import PASSWORD_MIN_LENGTH
from ..forms import DKEmailField, DKPasswordField, DKRadioField, DKStringField, DKSubmitField
from ..idempotency import IdempotentForm

_NEW_HINT = _l("At least %(num)s characters. A few words in a row are easy to remember and hard to guess.",
               num=PASSWORD_MIN_LENGTH)


def _new_password(label=_l("New password")):
    return DKPasswordField(label, description=_NEW_HINT,
                           validators=[DataRequired(_l("Enter the new password"))],
                           render_kw={"autocomplete": "new-password"})


def _repeat():
    return DKPasswordField(_l("Repeat the new password"),
                           validators=[DataRequired(_l("Type the new password once more"))],
                           render_kw={"autocomplete": "new-password"})


class CreateStaffForm(IdempotentForm):
    name = DKStringField(_l("Name"), validators=[
        DataRequired(_l("Enter the name")), Length(max=100, message=_l("Write at most 100 characters"))],
        render_kw={"autocomplete": "off"})
    email = DKEmailField(_l("Work e-mail"), description=_l("The staff member logs in with it."), validators=[
        DataRequired(_l("Enter the work e-mail address")),
        Email(_l("Enter an e-mail address like name@kommune.dk"), check_deliverability=False),
        Length(max=200, message=_l("Enter an e-mail address like name@kommune.dk"))],
        render_kw={"autocomplete": "off"})
    role = DKRadioField(_l("Role"), choices=[("caseworker", _l("Caseworker")),
                                             ("administrator", _l("Administrator: also manages the staff accounts"))],
                        default="caseworker", validators=[DataRequired(_l("Choose a role."))],
                        invalid_choice_message=_l("Choose a role."))
    password = _new_password(_l("Initial password"))
    submit = DKSubmitField(_l("Create account"))


class ToggleForm(IdempotentForm):
    """Disable or re-enable: only the CSRF token and the submission key."""


class RoleForm(IdempotentForm):
    """A button per account: the role it gives, the CSRF token and the submission key."""
    role = HiddenField(validators=[AnyOf(("caseworker", "administrator"), message=_l("Choose a role."))])


class SetPasswordForm(IdempotentForm):
    password = _new_password()
    repeat = _repeat()
    submit = DKSubmitField(_l("Set password"))


class OwnPasswordForm(IdempotentForm):
    current = DKPasswordField(_l("Current password"), validators=[DataRequired(_l("Enter your current password"))],
                              render_kw={"autocomplete": "current-password"})
    password = _new_password()
    repeat = _repeat()
    submit = DKSubmitField(_l("Change password"))
