"""Routes for the conversations area."""
from . import bp  # noqa: F401
