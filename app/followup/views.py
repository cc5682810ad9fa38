"""Routes for the followup area."""
from . import bp  # noqa: F401
