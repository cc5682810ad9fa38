from ..idempotency import IdempotentForm


class CalendarForm(IdempotentForm):
    """Make (or renew) the private calendar address: only the keys."""
