"""What the app's URLs accept: ids that fit the database, and page numbers in ?side=.

SQLite's INTEGER is 64-bit signed; a larger number handed to a query raises OverflowError (a
500). An id no row can have is simply not found, so the route itself refuses it."""
from flask import request
from werkzeug.routing import IntegerConverter, ValidationError

SQLITE_INTEGER_MAX = 2**63 - 1
# More digits than the largest id has: refused before int() (which also refuses, with a
# ValueError, numbers of more than 4300 digits).
_MAX_DIGITS = len(str(SQLITE_INTEGER_MAX))
# Far beyond any real list; keeps OFFSET (page * page size) well inside SQLite's integer.
MAX_PAGE = 1_000_000


class IdConverter(IntegerConverter):
    """`<int:...>` in every route (create_app registers it under that name): a number beyond
    SQLite's integer does not match, so the URL answers 404 like any other unknown id."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", SQLITE_INTEGER_MAX)
        super().__init__(map, *args, **kwargs)

    def to_python(self, value: str) -> int:
        if len(value) > _MAX_DIGITS:
            raise ValidationError()
        return super().to_python(value)


def page_arg(name: str = "side") -> int:
    """The page number asked for in the query string, from 1 to MAX_PAGE; 1 when it is missing
    or not a number. The caller still limits it to the pages there are."""
    raw = request.args.get(name, "").strip()
    if not (raw.isascii() and raw.isdigit()):
        return 1
    if len(raw) > len(str(MAX_PAGE)):
        return MAX_PAGE
    return min(max(int(raw), 1), MAX_PAGE)
