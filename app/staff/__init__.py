"""Caseworkers and their accounts (issue 10): a municipality's administrators list, create,
disable, re-enable, set passwords for and change the role of its staff
(`/sagsbehandler/medarbejdere`); every caseworker changes their own password
(`/sagsbehandler/adgangskode`)."""
from flask import Blueprint

bp = Blueprint("staff", __name__, url_prefix="/sagsbehandler")

from . import views  # noqa: E402,F401
