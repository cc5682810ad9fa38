"""The dialogue's forms. Text goes through the app's normaliser (DK*Field); limits are checked
with a message, not cut off. The attachment is checked by content in files.check()."""
from flask_babel import lazy_gettext as _l
from wtforms import FileField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import DKBooleanField, DKSelectField, DKStringField, DKSubmitField, DKTextAreaField
from ..idempotency import IdempotentForm

MAX_SUBJECT = 120
MAX_BODY = 5000  # SETTING: a long letter; longer belongs in an attachment


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class _Body:
    body = DKTextAreaField(
        _l("Your message"), filters=[_strip],
        description=_l("Please do not write your CPR number. At most %(max)s characters.", max=MAX_BODY),
        validators=[DataRequired(_l("Write your message")),
                    Length(max=MAX_BODY, message=_l("The message can be at most %(max)d characters"))])
    attachment = FileField(_l("Attach a file"),
                           description=_l("PDF, JPEG or PNG, at most 10 MB. For example a doctor's note or a contract."))


class NewThreadForm(_Body, IdempotentForm):
    subject = DKStringField(
        _l("Subject"), filters=[_strip],
        validators=[DataRequired(_l("Write a subject")),
                    Length(max=MAX_SUBJECT, message=_l("The subject can be at most %(max)d characters"))])
    about = DKSelectField(_l("What is it about?"), choices=[], validators=[Optional()],
                          description=_l("Choose a conversation, an activity or a period, if the message is about one."))
    submit = DKSubmitField(_l("Send the message"))


class WriteForm(_Body, IdempotentForm):
    submit = DKSubmitField(_l("Send the message"))


class AnswerForm(_Body, IdempotentForm):
    body = DKTextAreaField(
        _l("Your answer"), filters=[_strip],
        description=_l("The citizen is told there is an answer; the text is only shown in Min Plan."),
        validators=[DataRequired(_l("Write your answer")),
                    Length(max=MAX_BODY, message=_l("The answer can be at most %(max)d characters"))])
    close = DKBooleanField(_l("Close the thread after this answer"))
    submit = DKSubmitField(_l("Send the answer"))


class ActionForm(IdempotentForm):
    """Close (caseworker) or reopen (citizen): only the keys."""
