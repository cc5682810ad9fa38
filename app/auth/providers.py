"""Identity providers for citizens. NemLog-in (MitID) plugs in behind the same interface;
the development provider stands in for it and is refused under a production config."""
from typing import Protocol

from flask import current_app

from . import queries


class IdentityProvider(Protocol):
    key: str

    def available(self) -> bool: ...

    def citizen_for(self, form) -> int | None:
        """The id of the citizen the provider vouches for, from its completed login form."""


class DevelopmentProvider:
    """'Testlogin': pick a demo citizen. Never available in production."""
    key = "dev"

    def available(self) -> bool:
        return bool(current_app.config.get("DEV_LOGIN_ENABLED")) and current_app.config.get("ENV_NAME") != "production"

    def demo_citizens(self, db, limit: int):
        """The demo citizens (app/demo.py), however many other citizens the database holds."""
        from ..demo import CITIZENS
        return queries.citizens_by_cpr(db, [row[1] for row in CITIZENS], limit)

    def search(self, db, text: str, limit: int, offset: int):
        return queries.citizens_named(db, text, limit, offset)

    def citizen_for(self, db, citizen_id: int) -> int | None:
        row = queries.citizen_by_id(db, citizen_id)
        return row["id"] if row else None


def provider() -> DevelopmentProvider | None:
    dev = DevelopmentProvider()
    return dev if dev.available() else None
