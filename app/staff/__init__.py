"""Caseworkers and their accounts (issue 10): a municipality's administrators list, create,
disable, re-enable, set passwords for and change the role of its staff
(`/sagsbehandler/medarbejdere`); every caseworker changes their own password
(`/sagsbehandler/adgangskode`)."""
# Its routes (caseworker.py) are registered by the caseworker house (app/caseworker/areas.py).
