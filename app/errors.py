"""The one user-facing error: a refusal the user should read, in their language.

A service raises `UserError(message, field)` (or an area's subclass of it, such as
`JoblogError`) with a translated message (usually `lazy_gettext`, so it is rendered in the
language of the page that shows it) and, where it belongs to one, the name of the form field it
is about. The view puts it on the form with `show_on_form`; nothing else is needed to show it."""


class UserError(Exception):
    """A refusal the user should read; `message` is translated (lazily), `field` names the form
    field it belongs to, if any."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


def show_on_form(form, error: UserError, default: str | None = None) -> str | None:
    """Put `error` on the form field it names (the error summary links to it); a field it does
    not name, or one the form lacks, gives way to the `default` field, if the form has it.
    Returns the message when no field took it: the view shows it (a flash, an alert)."""
    for name in (error.field, default):
        field = getattr(form, name, None) if name else None
        if field is not None and hasattr(field, "errors"):
            field.errors = [*(field.errors or ()), error.message]
            return None
    return str(error.message)


class Submitted:
    """What `submit` did: `ok` when the service accepted the form, with its `result`."""

    def __init__(self, ok: bool, result=None):
        self.ok, self.result = ok, result

    def __bool__(self) -> bool:
        return self.ok


def submit(form, work, default: str | None = None) -> Submitted:
    """A form's POST in one step, for the views that repeat it: validate the form, run `work()`
    (the service call), and put a refusal (UserError) on the form, or flash it when no field
    takes it. Anything else `work` raises goes on (a NotFound that is an HTTP 404, say)."""
    from flask import flash
    if not form.validate_on_submit():
        return Submitted(False)
    try:
        return Submitted(True, work())
    except UserError as error:
        message = show_on_form(form, error, default)
        if message:
            flash(message, "error")
        return Submitted(False)
