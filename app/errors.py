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
