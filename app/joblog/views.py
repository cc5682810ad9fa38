"""Routes for the joblog area."""
from . import bp  # noqa: F401
